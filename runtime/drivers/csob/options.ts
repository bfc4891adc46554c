// The driver's settings from `config.options`, validated with messages that name the option.
// Timer defaults come from csob-b.md, "Flows" (connect 3 s, info replies 5 s, passivate 10 s).
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { DEFAULT_CASHBACK_FIELD_ID, FIELD } from './profile.js';

export interface CsobOptions {
  connectTimeoutMs: number;
  /** Wait for the terminal's B0 right after a B1. */
  ackTimeoutMs: number;
  /** Wait for answers that do not involve the customer: T80, T82, receipt pages. */
  infoTimeoutMs: number;
  /** Wait for the answer to T81 passivate. */
  passivateTimeoutMs: number;
  /** Card flow and host answer: `config.timeoutSeconds` (the notes' 60 s is the usual value). */
  resultTimeoutMs: number;
  /** How often to try to reach the terminal again to look up a result after a dropped connection. */
  reconnectAttempts: number;
  reconnectDelayMs: number;
  /** Check (and send) a computed frame checksum instead of the `A5A5` placeholder. */
  crcCheck: boolean;
  /** Field id of the cashback amount in T08; not public, `C` is inferred. */
  cashbackFieldId: string;
}

type TunableOption = Exclude<keyof CsobOptions, 'resultTimeoutMs'>;

export const CSOB_OPTION_DEFAULTS: Readonly<Pick<CsobOptions, TunableOption>> = {
  connectTimeoutMs: 3000,
  ackTimeoutMs: 5000,
  infoTimeoutMs: 5000,
  passivateTimeoutMs: 10_000,
  reconnectAttempts: 3,
  reconnectDelayMs: 500,
  crcCheck: false,
  cashbackFieldId: DEFAULT_CASHBACK_FIELD_ID,
};

const TIMER_OPTIONS = ['connectTimeoutMs', 'ackTimeoutMs', 'infoTimeoutMs', 'passivateTimeoutMs', 'reconnectDelayMs'] as const;
const RESERVED_FIELD_IDS: readonly string[] = Object.values(FIELD);

export function parseCsobOptions(config: TerminalConfig): Result<CsobOptions, string[]> {
  const raw = config.options ?? {};
  const problems: string[] = [];
  const options: CsobOptions = { ...CSOB_OPTION_DEFAULTS, resultTimeoutMs: config.timeoutSeconds * 1000 };

  if (!(Number.isFinite(config.timeoutSeconds) && config.timeoutSeconds > 0)) {
    problems.push(`timeoutSeconds must be a positive number of seconds, got ${JSON.stringify(config.timeoutSeconds)}`);
  }
  if (!/^[\x20-\x7e]{1,8}$/.test(config.terminalId)) {
    problems.push(`terminalId must be 1–8 printable ASCII characters, got ${JSON.stringify(config.terminalId)}`);
  }

  for (const [name, value] of Object.entries(raw)) {
    if ((TIMER_OPTIONS as readonly string[]).includes(name)) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) options[name as (typeof TIMER_OPTIONS)[number]] = value;
      else problems.push(`option ${name} must be a positive number of milliseconds, got ${JSON.stringify(value)}`);
    } else if (name === 'reconnectAttempts') {
      if (Number.isInteger(value) && (value as number) >= 0) options.reconnectAttempts = value as number;
      else problems.push(`option reconnectAttempts must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
    } else if (name === 'crcCheck') {
      if (typeof value === 'boolean') options.crcCheck = value;
      else problems.push(`option crcCheck must be true or false, got ${JSON.stringify(value)}`);
    } else if (name === 'cashbackFieldId') {
      if (typeof value === 'string' && /^[\x21-\x7e]$/.test(value) && !RESERVED_FIELD_IDS.includes(value)) {
        options.cashbackFieldId = value;
      } else {
        const used = RESERVED_FIELD_IDS.join(' ');
        problems.push(`option cashbackFieldId must be one printable character not already used (${used}), got ${JSON.stringify(value)}`);
      }
    } else {
      problems.push(`unknown option ${name} (known: ${Object.keys(CSOB_OPTION_DEFAULTS).join(', ')})`);
    }
  }
  return problems.length > 0 ? err(problems) : ok(options);
}
