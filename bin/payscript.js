#!/usr/bin/env node
// Entry point of the `payscript` command; the code runs from the build in dist/ (made by
// `npm install` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/runtime/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('payscript: not built yet; run `npm install` (or `npm run build`) first\n');
  process.exit(2);
}
const { main } = await import(cli.href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`payscript: unexpected error: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
}
