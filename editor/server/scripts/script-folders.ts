// The script folders the editor shows: the shipped examples (read-only, so an upgrade never
// overwrites someone's work and `npm test` keeps type-checking them as shipped) and the user
// scripts folder. Paths from the browser are virtual — "<folder>/<relative path>" — and are
// resolved here only, refusing anything that would leave its folder.
import { cpSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { expectationFileOf } from '../../../runtime/rehearsal/expectations.js';
import { HttpError } from '../http-error.js';

export interface ScriptFolder {
  /** First segment of virtual paths: "examples", "scripts". */
  name: string;
  dir: string;
  writable: boolean;
}

export interface ResolvedScript {
  folder: ScriptFolder;
  /** Virtual path, normalised. */
  path: string;
  absolute: string;
}

export interface ScriptTreeNode {
  name: string;
  path: string;
  kind: 'folder' | 'file';
  writable: boolean;
  children?: ScriptTreeNode[];
}

/** A path the browser may not use; the message says why. Routes answer 400 (403 for read-only). */
export class ScriptPathError extends HttpError {
  constructor(message: string, status: 400 | 403 | 404 | 409 = 400) {
    super(status, message);
  }
}

const SCRIPT_FILE = /\.(ts|js)$/;
/** Plain names only: no hidden files, no separators or drive letters smuggled in. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_. -]{0,99}$/;

export class ScriptFolders {
  constructor(readonly folders: ScriptFolder[]) {}

  resolve(virtualPath: unknown): ResolvedScript {
    if (typeof virtualPath !== 'string' || virtualPath.length > 500) throw new ScriptPathError('path must be a string');
    const segments = virtualPath.split('/');
    const folder = this.folders.find((f) => f.name === segments[0]);
    if (!folder) throw new ScriptPathError(`path must start with ${this.folders.map((f) => `"${f.name}/"`).join(' or ')}`);
    const rest = segments.slice(1);
    if (rest.length === 0 || rest.some((s) => !SEGMENT.test(s) || s.includes('..'))) {
      throw new ScriptPathError(`"${virtualPath}" is not an allowed script path`);
    }
    if (!SCRIPT_FILE.test(rest[rest.length - 1])) throw new ScriptPathError('scripts end in .ts or .js');
    const absolute = resolve(folder.dir, ...rest);
    assertInside(folder.dir, absolute);
    return { folder, path: [folder.name, ...rest].join('/'), absolute };
  }

  /** The virtual path of an absolute file inside one of the folders (for error positions). */
  virtualPathOf(absolute: string): string | undefined {
    for (const folder of this.folders) {
      const rel = relative(folder.dir, absolute);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return [folder.name, ...rel.split(sep)].join('/');
    }
    return undefined;
  }

  /** A message or log line with each folder's directory on the server replaced by its virtual name. */
  withVirtualPaths(text: string): string {
    for (const folder of this.folders) text = text.split(folder.dir).join(folder.name);
    return text;
  }

  async tree(): Promise<ScriptTreeNode[]> {
    return Promise.all(
      this.folders.map(async (folder) => ({
        name: folder.name,
        path: folder.name,
        kind: 'folder' as const,
        writable: folder.writable,
        children: await listFolder(folder.dir, folder.name, folder.writable),
      })),
    );
  }

  async read(virtualPath: unknown): Promise<{ path: string; content: string; writable: boolean }> {
    const script = this.resolve(virtualPath);
    const content = await readInside(script);
    if (content === undefined) throw new ScriptPathError(`no script "${script.path}"`, 404);
    return { path: script.path, content, writable: script.folder.writable };
  }

  /** Saves a script; `create` refuses to overwrite an existing file (the editor's "New"). */
  async write(virtualPath: unknown, content: unknown, mode: 'create' | 'save'): Promise<ResolvedScript> {
    const script = this.resolve(virtualPath);
    await writeInside(script, content, mode);
    return script;
  }

  /** The expectation file beside a script (`scripts/X.ts` → `scripts/X.expect.json`), as `payscript test` finds it. */
  expectationsOf(scriptPath: unknown): ResolvedScript {
    const script = this.resolve(scriptPath);
    return { ...script, path: expectationFileOf(script.path), absolute: expectationFileOf(script.absolute) };
  }

  /** A script's expectation file; `content` is absent when the script has none yet. */
  async readExpectations(scriptPath: unknown): Promise<{ path: string; content?: string; writable: boolean }> {
    const file = this.expectationsOf(scriptPath);
    return { path: file.path, content: await readInside(file), writable: file.folder.writable };
  }

  /** Saves a script's expectation file; the caller has checked what it says. */
  async writeExpectations(scriptPath: unknown, content: string): Promise<ResolvedScript> {
    const file = this.expectationsOf(scriptPath);
    await writeInside(file, content, 'save');
    return file;
  }
}

/** A file's text, or undefined when there is none. */
async function readInside(file: ResolvedScript): Promise<string | undefined> {
  assertNoSymlinkEscape(file);
  try {
    return await readFile(file.absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeInside(file: ResolvedScript, content: unknown, mode: 'create' | 'save'): Promise<void> {
  if (!file.folder.writable)
    throw new ScriptPathError(`"${file.folder.name}" is read-only; save a copy under another folder`, 403);
  if (typeof content !== 'string') throw new ScriptPathError('content must be a string');
  await mkdir(dirname(file.absolute), { recursive: true });
  assertNoSymlinkEscape(file);
  try {
    await writeFile(file.absolute, content, { flag: mode === 'create' ? 'wx' : 'w' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ScriptPathError(`"${file.path}" already exists`, 409);
    throw error;
  }
}

/**
 * The user scripts folder starts as a copy of the examples, so a consultant can change and run
 * Prikl_142 (with its lib/) right away. Done only when the folder does not exist yet.
 */
export function seedScriptsFolder(dir: string, examplesDir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(examplesDir, dir, { recursive: true, filter: (source) => !source.endsWith('tsconfig.json') });
}

async function listFolder(dir: string, virtualDir: string, writable: boolean): Promise<ScriptTreeNode[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nodes: ScriptTreeNode[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!SEGMENT.test(entry.name)) continue;
    const path = `${virtualDir}/${entry.name}`;
    if (entry.isDirectory()) {
      nodes.push({
        name: entry.name,
        path,
        kind: 'folder',
        writable,
        children: await listFolder(join(dir, entry.name), path, writable),
      });
    } else if (entry.isFile() && SCRIPT_FILE.test(entry.name)) {
      nodes.push({ name: entry.name, path, kind: 'file', writable });
    }
  }
  // Folders first, as file managers show them.
  return nodes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
}

function assertInside(root: string, absolute: string): void {
  const rel = relative(root, absolute);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new ScriptPathError('path leaves its folder');
}

/** A symlink inside a folder must not lead out of it (the nearest existing ancestor is checked). */
function assertNoSymlinkEscape(script: ResolvedScript): void {
  let existing = script.absolute;
  while (!existsSync(existing)) existing = dirname(existing);
  const root = realpathSync(script.folder.dir);
  const rel = relative(root, realpathSync(existing));
  if (rel.startsWith('..') || isAbsolute(rel)) throw new ScriptPathError('path leaves its folder');
}
