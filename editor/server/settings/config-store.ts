// The settings page's view of payscript.config.json: the admin's JSON as written (not the parsed
// form with every default filled in), checked with the same schema as the host, written
// atomically.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { type FieldProblem, fieldProblems } from '../../../runtime/config/issues.js';
import { configSchema, type PayscriptConfig } from '../../../runtime/config/schema.js';
import { HttpError } from '../http-error.js';
import { withStoredJournalPassword } from './journal-password.js';
import { changedDestination, maskedPaths, restoreSecrets } from './secret-options.js';

/**
 * One problem per field, for the form to show next to each field: 422 for a configuration the
 * schema refuses, 400 for a masked secret the server will not fill in.
 */
export class ConfigValidationError extends HttpError {
  constructor(
    readonly problems: FieldProblem[],
    status = 422,
  ) {
    super(status, `invalid configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
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
    const terminals = this.withStoredSecrets(incoming as RawConfig);
    const { json, problems: journalProblems } = withStoredJournalPassword(terminals.json, this.current);
    const secretProblems = [...terminals.problems, ...journalProblems];
    if (secretProblems.length > 0) throw new ConfigValidationError(secretProblems, 400);
    const parsed = configSchema.safeParse(json);
    if (!parsed.success) throw new ConfigValidationError(fieldProblems(parsed.error.issues));
    const temp = `${this.file}.tmp`;
    await writeFile(temp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.file);
    this.current = json;
    return parsed.data;
  }

  /**
   * Masked secrets come back from the form; a terminal keeps its stored ones (matched by id) while
   * it still sends them to the same place. Every mask left is a problem naming the option.
   */
  private withStoredSecrets(incoming: RawConfig): { json: RawConfig; problems: FieldProblem[] } {
    if (!Array.isArray(incoming.terminals)) return { json: incoming, problems: [] };
    const storedTerminals = Array.isArray(this.current.terminals) ? (this.current.terminals as RawConfig[]) : [];
    const problems: FieldProblem[] = [];
    const terminals = incoming.terminals.map((terminal: unknown, index) => {
      if (typeof terminal !== 'object' || terminal === null) return terminal;
      const t = terminal as RawConfig;
      if (typeof t.options !== 'object' || t.options === null) return t;
      const stored = storedTerminals.find((s) => s.id === t.id);
      const changed = stored && changedDestination(t, stored);
      const options =
        stored && !changed
          ? restoreSecrets(t.options as RawConfig, stored.options as RawConfig | undefined)
          : (t.options as RawConfig);
      const why = !stored
        ? `nothing is stored for terminal id ${JSON.stringify(t.id)}`
        : changed
          ? `${changed} changed, and a stored secret is only sent where it was sent before`
          : 'nothing is stored there';
      for (const path of maskedPaths(options, `terminals.${index}.options`))
        problems.push({ path, message: `type the secret again (${why})` });
      return { ...t, options };
    });
    return { json: { ...incoming, terminals }, problems };
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
