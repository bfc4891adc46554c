// Builds one STX…ETX frame from header values and a data area, filling in the length and
// checksum fields the profile names.
import type { FrameProfile, HeaderFieldSpec } from './frame-profile.js';

export interface SerializeOptions {
  /** Compute the checksum; otherwise send the profile's placeholder. */
  computeCrc?: boolean;
}

/**
 * @param header every header value except the length and checksum fields
 * @throws RangeError when a value does not fit its field: a programming error, not a wire event
 */
export function serializeFrame(
  profile: FrameProfile,
  header: Readonly<Record<string, string>>,
  data: Uint8Array,
  options: SerializeOptions = {},
): Buffer {
  const values: Record<string, string> = {
    ...header,
    [profile.lengthField]: data.length.toString(16).toUpperCase(),
    [profile.crcField]: options.computeCrc ? profile.computeCrc(data) : profile.crcPlaceholder,
  };
  const headerText = profile.header.map((field) => fit(field, values[field.name])).join('');
  const frame = Buffer.allocUnsafe(1 + headerText.length + data.length + 1);
  frame[0] = profile.stx;
  frame.write(headerText, 1, 'latin1');
  frame.set(data, 1 + headerText.length);
  frame[frame.length - 1] = profile.etx;
  return frame;
}

function fit(field: HeaderFieldSpec, value: string | undefined): string {
  if (value === undefined) throw new RangeError(`header field '${field.name}' is missing`);
  const padded = field.pad === 'right-space' ? value.padEnd(field.width, ' ') : value.padStart(field.width, '0');
  if (padded.length !== field.width || !field.pattern.test(padded)) {
    throw new RangeError(`header field '${field.name}' cannot hold ${JSON.stringify(value)}`);
  }
  return padded;
}
