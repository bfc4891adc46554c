// Streaming parser for profile-described STX…ETX frames. It keeps a partial buffer across reads,
// so one read may hold several frames and one frame may span many reads (csob-b.md, "Transport").
// It never throws: every problem is reported as a FrameError and the parser resynchronises on the
// next STX.
import { type Frame, type FrameError, type FrameProfile, headerWidth } from './frame-profile.js';
import { type Result, err, ok } from '../../protocol/result.js';

export type FrameEvent = Result<Frame, FrameError>;

export interface FrameParserOptions {
  /** Verify the checksum field; off by default because integrations send a placeholder. */
  crcCheck?: boolean;
}

const EMPTY = Buffer.alloc(0);

export class FrameParser {
  private buffer: Buffer = EMPTY;
  private readonly headerBytes: number;

  constructor(
    private readonly profile: FrameProfile,
    private readonly options: FrameParserOptions = {},
  ) {
    this.headerBytes = headerWidth(profile);
  }

  /** Feeds one read; returns every frame (or error) it completed, in order. */
  push(chunk: Uint8Array): FrameEvent[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const events: FrameEvent[] = [];
    for (;;) {
      const event = this.next();
      if (!event) return events;
      events.push(event);
    }
  }

  /** The stream closed: whatever is left is a truncated frame. */
  end(): FrameEvent[] {
    const rest = this.buffer;
    this.buffer = EMPTY;
    return rest.length === 0 ? [] : [err({ kind: 'truncated', bytes: rest })];
  }

  private next(): FrameEvent | undefined {
    const start = this.buffer.indexOf(this.profile.stx);
    if (start === -1) {
      if (this.buffer.length === 0) return undefined;
      return err({ kind: 'garbage', bytes: this.take(this.buffer.length) });
    }
    if (start > 0) return err({ kind: 'garbage', bytes: this.take(start) });

    if (this.buffer.length < 1 + this.headerBytes) return undefined;
    const header: Record<string, string> = {};
    let offset = 1;
    for (const field of this.profile.header) {
      const value = this.buffer.toString('latin1', offset, offset + field.width);
      if (!field.pattern.test(value)) return this.reject({ kind: 'bad-header', field: field.name });
      header[field.name] = value;
      offset += field.width;
    }

    const declared = Number.parseInt(header[this.profile.lengthField]!, 16);
    const total = 1 + this.headerBytes + declared + 1;
    if (this.buffer.length < total) return undefined;
    if (this.buffer[total - 1] !== this.profile.etx) return this.reject({ kind: 'bad-length', declared });

    const data = Buffer.from(this.buffer.subarray(offset, total - 1));
    if (this.options.crcCheck) {
      const computed = this.profile.computeCrc(data);
      const declaredCrc = header[this.profile.crcField]!;
      if (computed !== declaredCrc.toUpperCase()) {
        return err({ kind: 'bad-crc', declared: declaredCrc, computed, bytes: this.take(total) });
      }
    }
    const bytes = Buffer.from(this.take(total));
    return ok({ header, data, bytes });
  }

  /**
   * Drops only the STX of a frame that turned out malformed, so a real frame starting inside the
   * rejected bytes (say, after a truncated one) is still found.
   */
  private reject(error: { kind: 'bad-header'; field: string } | { kind: 'bad-length'; declared: number }): FrameEvent {
    const nextStx = this.buffer.indexOf(this.profile.stx, 1);
    const bytes = this.take(nextStx === -1 ? this.buffer.length : nextStx);
    return err({ ...error, bytes });
  }

  private take(count: number): Buffer {
    const taken = this.buffer.subarray(0, count);
    this.buffer = count >= this.buffer.length ? EMPTY : this.buffer.subarray(count);
    return taken;
  }
}
