// A terminal entry through the real config schema, as `payscript run` and the settings page check it.
import { fieldProblems } from '../../runtime/config/issues.js';
import { configSchema } from '../../runtime/config/schema.js';

/** The problems with one terminal entry as `key: message` lines; none when the entry is accepted. */
export function terminalProblems(terminal: { id: string } & Record<string, unknown>): string[] {
  const parsed = configSchema.safeParse({ terminals: [terminal], binding: { mode: 'single', terminal: terminal.id } });
  return parsed.success ? [] : fieldProblems(parsed.error.issues).map(({ path, message }) => `${path}: ${message}`);
}
