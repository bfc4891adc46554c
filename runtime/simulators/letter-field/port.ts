// The terminal's side of one TCP connection: parses what the register sends with the shared
// framing and messages code, and writes frames split and merged on purpose so the register's
// parser meets both (csob-b.md, "What the simulator must do").
import type net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFrameError } from '../../drivers/letter-field/frame-profile.js';
import { FrameParser } from '../../drivers/letter-field/frame-parser.js';
import {
  type Dialect,
  type LetterFieldMessage,
  decodeMessage,
  encodeMessage,
  formatDateTime,
} from '../../drivers/letter-field/messages.js';

/**
 * whole: one write per frame · merged: frames produced together go out in one write ·
 * split: each frame in several writes · mixed: merged, then cut at pseudo-random points.
 */
export type WriteMode = 'whole' | 'merged' | 'split' | 'mixed';

/** Gap between the pieces of a split write, long enough for them to arrive as separate reads. */
const PIECE_GAP_MS = 2;

export interface PortSettings {
  terminalId: string;
  dialect: Dialect;
  crcCheck: boolean;
  writeMode: WriteMode;
  log(message: string): void;
}

export class TerminalPort {
  private readonly parser: FrameParser;
  private pending: Buffer[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** Deterministic cut points: a failing run can be replayed. */
  private seed = 0x2545f491;

  constructor(
    private readonly socket: net.Socket,
    private readonly settings: PortSettings,
    onMessage: (port: TerminalPort, message: LetterFieldMessage) => void,
    onClose: (port: TerminalPort) => void,
  ) {
    this.parser = new FrameParser(settings.dialect.profile.frame, { crcCheck: settings.crcCheck });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.parser.push(chunk)) {
        if (!event.ok) {
          // Documented behaviour: a malformed frame is logged and ignored; the register's own
          // ack timeout then tells it the request did not arrive.
          settings.log(`ignored: ${describeFrameError(event.error)}`);
          continue;
        }
        const decoded = decodeMessage(event.value, settings.dialect);
        if (decoded.ok) onMessage(this, decoded.value.message);
        else settings.log(`ignored: ${decoded.error}`);
      }
    });
    socket.on('error', (error) => settings.log(`socket error: ${error.message}`));
    socket.on('close', () => onClose(this));
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  send(message: LetterFieldMessage): void {
    this.sendRaw(this.encode(message));
  }

  encode(message: LetterFieldMessage): Buffer {
    const envelope = { terminalId: this.settings.terminalId, dateTime: formatDateTime(new Date()) };
    return encodeMessage(message, envelope, this.settings.dialect);
  }

  /** Queues bytes; everything queued in the same tick is written together (merged). */
  sendRaw(bytes: Buffer): void {
    if (this.pending.push(bytes) === 1) setImmediate(() => this.flush());
  }

  /** Closes the connection after everything already queued went out. */
  drop(): void {
    setImmediate(() => {
      this.writing = this.writing.then(() => void this.socket.destroy());
    });
  }

  /** Closes at once, like a power cut. */
  destroy(): void {
    this.socket.destroy();
  }

  private flush(): void {
    const frames = this.pending;
    this.pending = [];
    const writes = this.plan(frames);
    this.writing = this.writing.then(async () => {
      for (const [index, piece] of writes.entries()) {
        if (this.socket.destroyed) return;
        if (index > 0) await sleep(PIECE_GAP_MS);
        this.socket.write(piece);
      }
    });
  }

  private plan(frames: Buffer[]): Buffer[] {
    switch (this.settings.writeMode) {
      case 'whole':
        return frames;
      case 'merged':
        return [Buffer.concat(frames)];
      case 'split':
        return frames.flatMap((frame) => this.cut(frame));
      case 'mixed':
        return this.cut(Buffer.concat(frames));
    }
  }

  /** Cuts bytes into two or three pieces at pseudo-random offsets. */
  private cut(bytes: Buffer): Buffer[] {
    if (bytes.length < 3) return [bytes];
    const cuts = [this.random(bytes.length - 1) + 1, this.random(bytes.length - 1) + 1].sort((a, b) => a - b);
    return [bytes.subarray(0, cuts[0]), bytes.subarray(cuts[0], cuts[1]), bytes.subarray(cuts[1])].filter((p) => p.length > 0);
  }

  private random(below: number): number {
    // xorshift32
    this.seed ^= this.seed << 13;
    this.seed ^= this.seed >>> 17;
    this.seed ^= this.seed << 5;
    return (this.seed >>> 0) % below;
  }
}
