// A frame layout given as data, so one framing core serves every STX…ETX protocol with a fixed
// ASCII header and a hex data-length field (ČSOB B-protocol, and GPE as a bank profile of the
// same family: gpe.md). A profile never holds behaviour beyond its checksum function.

export interface HeaderFieldSpec {
  name: string;
  width: number;
  /** The accepted shape of the value; a frame whose header does not match is malformed. */
  pattern: RegExp;
  /** How a shorter value is brought to width on output. */
  pad: 'right-space' | 'left-zero';
}

export interface FrameProfile {
  stx: number;
  etx: number;
  /** Header fields in wire order, right after STX. */
  header: readonly HeaderFieldSpec[];
  /** Header field holding the data-area length (ETX not counted) as upper-case hex. */
  lengthField: string;
  /** Header field holding the checksum as hex text. */
  crcField: string;
  /** Sent in the checksum field when the checksum is not computed. */
  crcPlaceholder: string;
  computeCrc(data: Uint8Array): string;
}

/** One complete frame: header values by name and the raw data area. */
export interface Frame {
  header: Readonly<Record<string, string>>;
  data: Buffer;
  /** The whole frame as received, STX to ETX, for logging. */
  bytes: Buffer;
}

export type FrameError =
  /** Bytes before STX were skipped; the stream resynchronised. Not fatal on its own. */
  | { kind: 'garbage'; bytes: Buffer }
  | { kind: 'bad-header'; field: string; bytes: Buffer }
  /** ETX is not where the length field says: a truncated or overlong frame. */
  | { kind: 'bad-length'; declared: number; bytes: Buffer }
  | { kind: 'bad-crc'; declared: string; computed: string; bytes: Buffer }
  /** The stream ended inside a frame. */
  | { kind: 'truncated'; bytes: Buffer };

export function headerWidth(profile: FrameProfile): number {
  return profile.header.reduce((sum, field) => sum + field.width, 0);
}

export function describeFrameError(error: FrameError): string {
  switch (error.kind) {
    case 'garbage':
      return `skipped ${error.bytes.length} byte(s) before STX`;
    case 'bad-header':
      return `malformed header field '${error.field}'`;
    case 'bad-length':
      return `no ETX after the declared ${error.declared} data byte(s)`;
    case 'bad-crc':
      return `checksum ${error.declared} does not match computed ${error.computed}`;
    case 'truncated':
      return `stream ended inside a frame after ${error.bytes.length} byte(s)`;
  }
}
