// The terminal's side of one HTTP/1.0 connection: parses requests with the driver's HTTP framing
// and writes each answer cut into pieces on purpose, so the register's parser meets split reads.
// In "XML session" mode the connection closes after each answer (spec 7.1 §1.4, note).
import type net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpMessageParser, encodeHttpResponse } from '../../drivers/posxml/http.js';

/** whole: one write per answer · split: each answer in two or three writes. */
export type WriteMode = 'whole' | 'split';

/** Gap between the pieces of a split write, long enough for them to arrive as separate reads. */
const PIECE_GAP_MS = 2;

export interface PortSettings {
  xmlSession: boolean;
  writeMode: WriteMode;
}

export class HttpPort {
  private readonly parser = new HttpMessageParser();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: net.Socket,
    private readonly settings: PortSettings,
    onRequest: (port: HttpPort, body: string) => void,
    onClose: (port: HttpPort) => void,
    onNoise: (detail: string) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.parser.push(chunk)) {
        if (event.ok) onRequest(this, event.value.body);
        else {
          onNoise(event.error);
          socket.destroy();
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => onClose(this));
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  /** One `200 OK` with an XML body; in XML session mode the connection closes after it. */
  answer(xml: string): void {
    this.write(encodeHttpResponse(xml), this.settings.xmlSession);
  }

  /** Bytes that are not a proper answer (faults); the connection closes after them. */
  sendRaw(bytes: Buffer): void {
    this.write(bytes, true);
  }

  /** Closes at once, like a cut cable. */
  destroy(): void {
    this.socket.destroy();
  }

  private write(bytes: Buffer, thenClose: boolean): void {
    const pieces = this.settings.writeMode === 'split' ? this.cut(bytes) : [bytes];
    this.writing = this.writing.then(async () => {
      for (const [index, piece] of pieces.entries()) {
        if (this.socket.destroyed) return;
        if (index > 0) await sleep(PIECE_GAP_MS);
        this.socket.write(piece);
      }
      if (thenClose) this.socket.end();
    });
  }

  /**
   * Three pieces: the first ends inside the blank line after the headers, the second inside the
   * body, so the register must join both the head and the body from several reads.
   */
  private cut(bytes: Buffer): Buffer[] {
    const headEnd = bytes.indexOf('\r\n\r\n');
    if (headEnd < 0) return [bytes.subarray(0, bytes.length >> 1), bytes.subarray(bytes.length >> 1)].filter((p) => p.length > 0);
    const inBlankLine = headEnd + 2;
    const inBody = Math.max(inBlankLine, Math.floor((headEnd + 4 + bytes.length) / 2));
    return [bytes.subarray(0, inBlankLine), bytes.subarray(inBlankLine, inBody), bytes.subarray(inBody)].filter(
      (p) => p.length > 0,
    );
  }
}
