// Files that ship beside the code (guest prelude, .d.ts, examples) are found from the package
// root, which is the same whether this module runs from source or from dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('payscript: cannot find the package root');
    dir = parent;
  }
  cached = dir;
  return dir;
}
