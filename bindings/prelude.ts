// Builds the guest prelude once per process: the guest-side classes for every client kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../runtime/package-root.js';
import { CLIENT_KINDS } from './client-kinds.js';

let prelude: string | undefined;

export function guestPrelude(): string {
  prelude ??= `${guestFunction()}(globalThis, ${JSON.stringify(CLIENT_KINDS.map((k) => k.name))});\n`;
  return prelude;
}

/** The file is one function expression; the formatter's closing semicolon goes so it can be called. */
function guestFunction(): string {
  return readFileSync(join(packageRoot(), 'bindings', 'prelude.guest.js'), 'utf8')
    .trimEnd()
    .replace(/;$/, '');
}
