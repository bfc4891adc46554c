// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), rendered as four upper-case hex digits. The ČSOB
// algorithm is not public (csob-b.md: integrations send `A5A5`); this is the inferred candidate
// used when a profile's checksum is switched on, and a bank document can replace it.
export function crc16CcittFalse(data: Uint8Array): string {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
