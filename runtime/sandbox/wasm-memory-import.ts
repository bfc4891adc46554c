// The QuickJS module's memory import, declared smaller. emscripten's build declares 16 MiB
// (INITIAL_MEMORY) and V8 counts a new memory's whole size as external memory: with an instance per
// running script, every few instances made while a pool grew started a full collection of the
// worker's heap. Only touched pages are resident, so the size changes no RSS; the module grows its
// memory itself when its heap needs more (emscripten's sbrk), as it would past 16 MiB.

const IMPORT_SECTION = 2;
const MEMORY_IMPORT = 2;
const HAS_MAXIMUM = 1;

/**
 * `bytes` (a WebAssembly binary) with its one imported memory's minimum set to `pages`, or
 * undefined if the binary does not look like that (then it is used as it is).
 */
export function withMemoryMinimum(bytes: Uint8Array, pages: number): Uint8Array<ArrayBuffer> | undefined {
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at]!;
    const size = readLeb(bytes, at + 1);
    const body = at + 1 + size.length;
    if (id === IMPORT_SECTION) return rewriteImports(bytes, { header: at, start: body, end: body + size.value }, pages);
    at = body + size.value;
  }
  return undefined;
}

function rewriteImports(
  bytes: Uint8Array,
  { header, start, end }: { header: number; start: number; end: number },
  pages: number,
): Uint8Array<ArrayBuffer> | undefined {
  const count = readLeb(bytes, start);
  let at = start + count.length;
  for (let i = 0; i < count.value; i++) {
    for (let name = 0; name < 2; name++) {
      const length = readLeb(bytes, at);
      at += length.length + length.value;
    }
    const kind = bytes[at++];
    if (kind !== MEMORY_IMPORT) {
      at = skipImportDescription(bytes, at, kind);
      if (at < 0) return undefined;
      continue;
    }
    const flags = bytes[at]!;
    if (flags !== 0 && flags !== HAS_MAXIMUM) return undefined; // shared or 64-bit memories: not ours
    const minimum = readLeb(bytes, at + 1);
    if (pages > minimum.value) return undefined;
    const section = concat([
      bytes.subarray(start, at + 1),
      Uint8Array.from(writeLeb(pages)),
      bytes.subarray(at + 1 + minimum.length, end),
    ]);
    return concat([
      bytes.subarray(0, header),
      Uint8Array.from([IMPORT_SECTION, ...writeLeb(section.length)]),
      section,
      bytes.subarray(end),
    ]);
  }
  return undefined;
}

/** Past a function, table or global import's description; -1 for anything else. */
function skipImportDescription(bytes: Uint8Array, at: number, kind: number | undefined): number {
  switch (kind) {
    case 0: // function: a type index
      return at + readLeb(bytes, at).length;
    case 1: {
      // table: a reference type, then limits
      const flags = bytes[at + 1]!;
      let next = at + 2;
      next += readLeb(bytes, next).length;
      if (flags & HAS_MAXIMUM) next += readLeb(bytes, next).length;
      return next;
    }
    case 3: // global: a value type and mutability
      return at + 2;
    default:
      return -1;
  }
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function readLeb(bytes: Uint8Array, at: number): { value: number; length: number } {
  let value = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at + length++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return { value, length };
  }
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}
