// The settings page's view of payscript.config.json: the admin's JSON as written (not the parsed
// form with every default filled in), checked with the same schema as the host, written
// atomically.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { type FieldProblem, fieldProblems } from '../../../runtime/config/issues.js';
import { configSchema, type PayscriptConfig } from '../../../runtime/config/schema.js';
import { HttpError } from '../http-error.js';
import { maskedPaths, restoreSecrets } from './secret-options.js';

/** 422 with one problem per field, for the form to show next to each field. */
export class ConfigValidationError extends HttpError {
  constructor(readonly problems: FieldProblem[]) {
    super(422, `invalid configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

type RawConfig = Record<string, unknown>;

export class ConfigStore {
  private current: RawConfig;

  /**
   * @param file where saving writes (the `--config` path or ./payscript.config.json)
   * @param running the configuration the host runs with, shown when the file does not exist yet
   */
  constructor(
    readonly file: string,
    running: PayscriptConfig,
  ) {
    this.current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RawConfig) : firstFileContent(running);
  }

  get raw(): RawConfig {
    return this.current;
  }

  get fileExists(): boolean {
    return existsSync(this.file);
  }

  /** Validates, writes and returns the parsed configuration for the host. */
  async save(incoming: unknown): Promise<PayscriptConfig> {
    if (typeof incoming !== 'object' || incoming === null || Array.isArray(incoming)) {
      throw new ConfigValidationError([{ path: '(top level)', message: 'expected a JSON object' }]);
    }
    const json = this.withStoredSecrets(incoming as RawConfig);
    const parsed = configSchema.safeParse(json);
    const problems: FieldProblem[] = unrestoredSecrets(json).map((path) => ({ path, message: 'type the secret again (it was not stored for this terminal id)' }));
    if (!parsed.success) problems.push(...fieldProblems(parsed.error.issues));
    if (!parsed.success || problems.length > 0) throw new ConfigValidationError(problems);
    const temp = `${this.file}.tmp`;
    await writeFile(temp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.file);
    this.current = json;
    return parsed.data;
  }

  /** Masked secrets come back from the form; each terminal keeps its stored ones (matched by id). */
  private withStoredSecrets(incoming: RawConfig): RawConfig {
    if (!Array.isArray(incoming.terminals)) return incoming;
    const storedTerminals = Array.isArray(this.current.terminals) ? (this.current.terminals as RawConfig[]) : [];
    const terminals = incoming.terminals.map((terminal: unknown) => {
      if (typeof terminal !== 'object' || terminal === null) return terminal;
      const t = terminal as RawConfig;
      const stored = storedTerminals.find((s) => s.id === t.id);
      if (typeof t.options !== 'object' || t.options === null) return t;
      return { ...t, options: restoreSecrets(t.options as RawConfig, stored?.options as RawConfig | undefined) };
    });
    return { ...incoming, terminals };
  }
}

/**
 * Without a file the page shows the running (embedded) configuration. Its `dataDir` is the
 * simulators' temporary journal and must not be written into the admin's file.
 */
function firstFileContent(running: PayscriptConfig): RawConfig {
  const content: RawConfig = structuredClone(running);
  delete content.dataDir;
  return content;
}

function unrestoredSecrets(json: RawConfig): string[] {
  if (!Array.isArray(json.terminals)) return [];
  return json.terminals.flatMap((t: RawConfig | null, index) =>
    t && typeof t.options === 'object' && t.options !== null ? maskedPaths(t.options as RawConfig, `terminals.${index}.options`) : [],
  );
}
