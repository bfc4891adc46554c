// Runs one script for the server: resolves what to run inside the script folders and streams its
// console lines, terminal status and transactions to the run. The host journals the transactions.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunReport } from '../../../runtime/host/run-report.js';
import { HttpError } from '../http-error.js';
import type { LiveHost } from '../live-host.js';
import type { ResolvedScript, ScriptFolders } from '../scripts/script-folders.js';
import type { RunRequest } from './run-request.js';
import type { RunEvent } from './run.js';

/** Where a run's events go and how the desk aborts it; a synchronous API call has neither. */
export interface RunChannel {
  emit(event: RunEvent): void;
  abortSignal: AbortSignal;
}

interface PreparedEntry {
  entry: string;
  /** The virtual path shown for the entry (also for unsaved source). */
  script: string;
  cleanup(): Promise<void>;
}

export class ScriptRunner {
  constructor(
    private readonly host: LiveHost,
    private readonly folders: ScriptFolders,
  ) {}

  /** The virtual path the run will show, checked before anything starts. */
  scriptOf(request: RunRequest): string {
    return this.target(request).path;
  }

  async run(request: RunRequest, webUser: string, channel?: RunChannel): Promise<RunReport> {
    const prepared = await this.prepare(request);
    const desk = { pc: request.pc, user: request.user ?? webUser };
    let report: RunReport;
    try {
      report = await this.host.runScript(prepared.entry, {
        desk,
        account: webUser,
        language: request.language,
        // Imports stay inside the script folders the editor shows.
        roots: this.folders.folders.map((folder) => folder.dir),
        merchantAbort: channel?.abortSignal,
        onConsole: (level, text) => channel?.emit({ type: 'console', data: { level, text } }),
        onStatus: (status) => channel?.emit({ type: 'status', data: status }),
      });
    } finally {
      await prepared.cleanup();
    }
    // The host reports transactions with the whole run; they are streamed as soon as it ends.
    for (const transaction of report.transactions) channel?.emit({ type: 'transaction', data: transaction });
    return this.withVirtualPaths(report, prepared);
  }

  /** The saved script to run, or where unsaved source stands (which must be writable). */
  private target(request: RunRequest): ResolvedScript {
    const target = this.folders.resolve(request.script ?? this.untitledPath());
    if (request.source === undefined && !existsSync(target.absolute)) throw new HttpError(404, `no script "${target.path}"`);
    if (request.source !== undefined && !target.folder.writable) {
      throw new HttpError(403, `"${target.folder.name}" is read-only: unsaved source runs from a writable folder`);
    }
    return target;
  }

  private async prepare(request: RunRequest): Promise<PreparedEntry> {
    const target = this.target(request);
    if (request.source === undefined) return { entry: target.absolute, script: target.path, cleanup: async () => {} };
    // Beside the file it stands for, so its relative imports resolve as they will once saved;
    // the leading dot keeps it out of the file tree, and the name it ends with says which file it
    // stands for (the journal keeps the file a transaction's script ran from).
    const entry = join(dirname(target.absolute), `.run-${randomUUID()}.${basename(target.absolute)}`);
    await writeFile(entry, request.source);
    return { entry, script: target.path, cleanup: () => rm(entry, { force: true }) };
  }

  private untitledPath(): string {
    const writable = this.folders.folders.find((f) => f.writable);
    if (!writable) throw new HttpError(403, 'no writable script folder for unsaved source');
    return `${writable.name}/untitled.ts`;
  }

  /** Errors point at virtual paths the editor can open, never at the server's directories. */
  private withVirtualPaths(report: RunReport, prepared: PreparedEntry): RunReport {
    if (!report.error) return report;
    const toVirtual = (file: string) => (file === prepared.entry ? prepared.script : this.folders.virtualPathOf(file));
    const message = this.folders.withVirtualPaths(report.error.message.split(prepared.entry).join(prepared.script));
    const file = report.error.file && (toVirtual(report.error.file) ?? undefined);
    return { ...report, error: { ...report.error, message, file } };
  }
}

/** The script an unsaved run's hidden file stands for (`dir/.run-<uuid>.name.ts` → `dir/name.ts`). */
export function runFileScript(path: string): string | undefined {
  const match = /^(.*\/)?\.run-[0-9a-f-]{36}\.(.+)$/.exec(path);
  return match ? `${match[1] ?? ''}${match[2]}` : undefined;
}
