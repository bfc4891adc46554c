// Driver settings from `config.options`, validated with messages that name the option. The
// session's timers and switches are the family's; each profile adds its own options as specs.
// Timer defaults come from csob-b.md, "Flows" (connect 3 s, info replies 5 s, passivate 10 s).
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import type { LetterFieldProfile } from './profile.js';

export interface SessionOptions {
  connectTimeoutMs: number;
  /** Wait for the terminal's acknowledgement right after a request. */
  ackTimeoutMs: number;
  /** Wait for answers that do not involve the customer: terminal test, last transaction, receipt pages. */
  infoTimeoutMs: number;
  /** Wait for the answer to a passivation. */
  passivateTimeoutMs: number;
  /** Card flow and host answer: `config.timeoutSeconds` (the notes' 60 s is the usual value). */
  resultTimeoutMs: number;
  /** How often to try to reach the terminal again to look up a result after a dropped connection. */
  reconnectAttempts: number;
  reconnectDelayMs: number;
  /** Check (and send) a computed frame checksum instead of the profile's placeholder. */
  crcCheck: boolean;
}

type TunableOption = Exclude<keyof SessionOptions, 'resultTimeoutMs'>;

export const SESSION_OPTION_DEFAULTS: Readonly<Pick<SessionOptions, TunableOption>> = {
  connectTimeoutMs: 3000,
  ackTimeoutMs: 5000,
  infoTimeoutMs: 5000,
  passivateTimeoutMs: 10_000,
  reconnectAttempts: 3,
  reconnectDelayMs: 500,
  crcCheck: false,
};

/** One option: its default and its check; `parse` returns what is wrong, without the option's name. */
export interface OptionSpec<T> {
  default: T;
  parse(value: unknown): Result<T, string>;
}

export type OptionSpecs<T> = { [K in keyof T]: OptionSpec<T[K]> };

const milliseconds: OptionSpec<number> = {
  default: 0,
  parse: (value) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0
      ? ok(value)
      : err(`must be a positive number of milliseconds, got ${JSON.stringify(value)}`),
};

const timer = (fallback: number): OptionSpec<number> => ({ ...milliseconds, default: fallback });

const SESSION_OPTIONS: OptionSpecs<Pick<SessionOptions, TunableOption>> = {
  connectTimeoutMs: timer(SESSION_OPTION_DEFAULTS.connectTimeoutMs),
  ackTimeoutMs: timer(SESSION_OPTION_DEFAULTS.ackTimeoutMs),
  infoTimeoutMs: timer(SESSION_OPTION_DEFAULTS.infoTimeoutMs),
  passivateTimeoutMs: timer(SESSION_OPTION_DEFAULTS.passivateTimeoutMs),
  reconnectDelayMs: timer(SESSION_OPTION_DEFAULTS.reconnectDelayMs),
  reconnectAttempts: {
    default: SESSION_OPTION_DEFAULTS.reconnectAttempts,
    parse: (value) =>
      Number.isInteger(value) && (value as number) >= 0 ? ok(value as number) : err(`must be a whole number ≥ 0, got ${JSON.stringify(value)}`),
  },
  crcCheck: {
    default: SESSION_OPTION_DEFAULTS.crcCheck,
    parse: (value) => (typeof value === 'boolean' ? ok(value) : err(`must be true or false, got ${JSON.stringify(value)}`)),
  },
};

/**
 * The session's options plus the profile's own (`extras`), every problem collected so one error
 * can name them all. The terminal id must fit the profile's header field.
 */
export function parseOptions<Extra extends object>(
  config: TerminalConfig,
  profile: LetterFieldProfile,
  extras: OptionSpecs<Extra>,
): Result<SessionOptions & Extra, string[]> {
  const specs: Record<string, OptionSpec<unknown>> = { ...SESSION_OPTIONS, ...extras };
  const values: Record<string, unknown> = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default]));
  const problems: string[] = [];

  if (!(Number.isFinite(config.timeoutSeconds) && config.timeoutSeconds > 0)) {
    problems.push(`timeoutSeconds must be a positive number of seconds, got ${JSON.stringify(config.timeoutSeconds)}`);
  }
  const idWidth = profile.frame.header.find((field) => field.name === 'terminalId')?.width ?? 0;
  if (!new RegExp(`^[\\x20-\\x7e]{1,${idWidth}}$`).test(config.terminalId)) {
    problems.push(`terminalId must be 1–${idWidth} printable ASCII characters, got ${JSON.stringify(config.terminalId)}`);
  }
  for (const [name, raw] of Object.entries(config.options ?? {})) {
    const spec = specs[name];
    if (!spec) {
      problems.push(`unknown option ${name} (known: ${Object.keys(specs).join(', ')})`);
      continue;
    }
    const parsed = spec.parse(raw);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push(`option ${name} ${parsed.error}`);
  }
  if (problems.length > 0) return err(problems);
  return ok({ ...values, resultTimeoutMs: config.timeoutSeconds * 1000 } as SessionOptions & Extra);
}
