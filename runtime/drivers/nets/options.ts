// NETS driver settings from `config.options`, validated with messages that name the option. The
// account is the organisation's (nets-connect-cloud.md, "Account model"): every location's
// terminal config repeats the same username and password; `terminalId` picks the terminal.
// Secrets never appear in a message, not even when they are the wrong type.
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';

export interface NetsOptions {
  username: string;
  password: string;
  /** The clinic location the terminal stands in; a label for the log only. */
  location?: string;
  /** HTTPS to host:port. Default: on, except for a loopback host (the simulator). */
  tls: boolean;
  /** ISO 4217 alpha the terminal is set up for; requests in another currency are refused unsent. */
  currency?: string;
  /** Every call except the held transaction (notes: "no API answer in 60 s"). */
  apiTimeoutMs: number;
  /** Card flow: `config.timeoutSeconds`. */
  resultTimeoutMs: number;
  /** Pause before each lookup of a lost result (notes: an earlier lookup may not yet see it, ~5 s). */
  lookupDelayMs: number;
  /** After cancelAction, how long the held transaction may take to end before it is looked up. */
  abortGraceMs: number;
  /** Renew the token this long before its `exp` (notes: ~10 min). */
  renewBeforeExpiryMs: number;
  /** Pause before the one retry of a reversal answered "busy" (notes: "wait before retrying"). */
  busyRetryDelayMs: number;
}

export const NETS_OPTION_DEFAULTS = {
  apiTimeoutMs: 60_000,
  lookupDelayMs: 5_000,
  abortGraceMs: 15_000,
  renewBeforeExpiryMs: 600_000,
  busyRetryDelayMs: 5_000,
} as const;

type Timer = keyof typeof NETS_OPTION_DEFAULTS;
const TIMERS = Object.keys(NETS_OPTION_DEFAULTS) as Timer[];
const KNOWN = new Set<string>(['username', 'password', 'location', 'tls', 'currency', ...TIMERS]);

/** @returns every problem, each naming its option, or the settings. */
export function parseNetsOptions(config: TerminalConfig): Result<NetsOptions, string[]> {
  const raw = config.options;
  const problems: string[] = [];
  for (const name of Object.keys(raw)) if (!KNOWN.has(name)) problems.push(`unknown option "${name}"`);

  const text = (name: string, required: boolean, secret = false): string | undefined => {
    const value = raw[name];
    if (value === undefined && !required) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    problems.push(`option "${name}" ${required ? 'is required and ' : ''}must be a non-empty string${secret ? '' : `, got ${JSON.stringify(value)}`}`);
    return undefined;
  };
  const username = text('username', true);
  const password = text('password', true, true);
  const location = text('location', false);

  const currency = text('currency', false);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) problems.push(`option "currency" must be an ISO 4217 code like "NOK", got ${JSON.stringify(currency)}`);

  const tls = raw.tls ?? !isLoopback(config.host);
  if (typeof tls !== 'boolean') problems.push(`option "tls" must be true or false, got ${JSON.stringify(raw.tls)}`);

  const timers = {} as Record<Timer, number>;
  for (const name of TIMERS) {
    const value = raw[name] ?? NETS_OPTION_DEFAULTS[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) timers[name] = value;
    else problems.push(`option "${name}" must be a number of milliseconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  if (!(config.timeoutSeconds > 0)) problems.push(`timeoutSeconds must be positive, got ${config.timeoutSeconds}`);
  if (config.terminalId.trim() === '') problems.push('terminalId must name the NETS terminal');

  if (problems.length > 0 || username === undefined || password === undefined) return err(problems);
  return ok({
    username,
    password,
    ...(location !== undefined && { location }),
    ...(currency !== undefined && { currency }),
    tls: tls as boolean,
    resultTimeoutMs: config.timeoutSeconds * 1000,
    ...timers,
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
