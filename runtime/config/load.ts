// Reads and validates payscript.config.json.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { fieldProblems } from './issues.js';
import { configSchema, type PayscriptConfig } from './schema.js';

export const CONFIG_FILE_NAME = 'payscript.config.json';

/**
 * Where the configuration comes from: an explicit `--config`, else `PAYSCRIPT_CONFIG`, else
 * `payscript.config.json` in the working directory; undefined means "use the embedded default".
 */
export function findConfigFile(explicit?: string, cwd = process.cwd()): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  if (process.env.PAYSCRIPT_CONFIG) return resolve(cwd, process.env.PAYSCRIPT_CONFIG);
  const local = resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(local) ? local : undefined;
}

export async function loadConfigFile(path: string): Promise<PayscriptConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, path);
}

export function parseConfig(json: unknown, source: string): PayscriptConfig {
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = fieldProblems(parsed.error.issues).map(({ path, message }) => `  - ${path}: ${message}`);
  throw new ConfigError(`${source}: invalid configuration\n${problems.join('\n')}`);
}
