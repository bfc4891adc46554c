// The driver's settings from `config.options`, validated with messages that name the option.
// Timer defaults: connect 10 s (posxml.md, "Transport"); the rest are our choices.
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import type { PrintReceipt } from './messages.js';

export interface PosxmlOptions {
  connectTimeoutMs: number;
  /** Answers that involve no card and no host: CancelAllOperations, status, lookups. */
  infoTimeoutMs: number;
  /** Card flow and host answer: `config.timeoutSeconds`. */
  resultTimeoutMs: number;
  /** Tries of GetLastTransactionData after a lost result, while the terminal answers "busy". */
  lookupAttempts: number;
  lookupDelayMs: number;
  /** The `version` attribute of our envelope (versions seen: 6.0.2, 7.1.0, 7.2.0). */
  version: string;
  /** ReturnReceipts: receipt line width 24–64 (spec §2.3). */
  receiptWidth: number;
  /** PrintReceipt: 0 merchant copy, 1 both, 2 none; unset = the terminal's default (1). */
  printReceipt?: PrintReceipt;
  /** Card waiting time the terminal enforces (TransactionRequest Timeout, 1–999 s); unset = its default. */
  cardTimeoutSeconds?: number;
  /** Display language (Language, e.g. `et`, `en`, `ru`). */
  language?: string;
  /** Where the terminal's log stream (port 5551 on the terminal) is reached; unset = not read. */
  logPort?: number;
}

export const POSXML_DEFAULT_PORT = 4445;

export const POSXML_OPTION_DEFAULTS = {
  connectTimeoutMs: 10_000,
  infoTimeoutMs: 10_000,
  lookupAttempts: 3,
  lookupDelayMs: 500,
  version: '7.2.0',
  receiptWidth: 40,
} as const;

const OPTIONAL_OPTIONS = ['printReceipt', 'cardTimeoutSeconds', 'language', 'logPort'] as const;
const KNOWN_OPTIONS = [...Object.keys(POSXML_OPTION_DEFAULTS), ...OPTIONAL_OPTIONS];

export function parsePosxmlOptions(config: TerminalConfig): Result<PosxmlOptions, string[]> {
  const problems: string[] = [];
  const options: PosxmlOptions = { ...POSXML_OPTION_DEFAULTS, resultTimeoutMs: config.timeoutSeconds * 1000 };
  if (!(Number.isFinite(config.timeoutSeconds) && config.timeoutSeconds > 0)) {
    problems.push(`timeoutSeconds must be a positive number of seconds, got ${JSON.stringify(config.timeoutSeconds)}`);
  }
  const check = (name: string, value: unknown, valid: boolean, expected: string): boolean => {
    if (!valid) problems.push(`option ${name} must be ${expected}, got ${JSON.stringify(value)}`);
    return valid;
  };

  for (const [name, value] of Object.entries(config.options ?? {})) {
    switch (name) {
      case 'connectTimeoutMs':
      case 'infoTimeoutMs':
      case 'lookupDelayMs':
        if (check(name, value, isPositive(value), 'a positive number of milliseconds')) options[name] = value as number;
        break;
      case 'lookupAttempts':
        if (check(name, value, Number.isInteger(value) && (value as number) >= 1, 'a whole number ≥ 1')) options.lookupAttempts = value as number;
        break;
      case 'version':
        if (check(name, value, typeof value === 'string' && /^\d+(\.\d+){1,3}$/.test(value), 'a version like "7.2.0"')) options.version = value as string;
        break;
      case 'receiptWidth':
        if (check(name, value, Number.isInteger(value) && (value as number) >= 24 && (value as number) <= 64, 'a line width from 24 to 64')) {
          options.receiptWidth = value as number;
        }
        break;
      case 'printReceipt':
        if (check(name, value, value === 0 || value === 1 || value === 2, '0 (merchant copy), 1 (both) or 2 (none)')) {
          options.printReceipt = value as PrintReceipt;
        }
        break;
      case 'cardTimeoutSeconds':
        if (check(name, value, Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 999, 'whole seconds 1–999')) {
          options.cardTimeoutSeconds = value as number;
        }
        break;
      case 'language':
        if (check(name, value, typeof value === 'string' && /^[a-z]{2}$/.test(value), 'a two-letter language code like "et"')) options.language = value as string;
        break;
      case 'logPort':
        if (check(name, value, Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535, 'a TCP port 1–65535')) {
          options.logPort = value as number;
        }
        break;
      default:
        problems.push(`unknown option ${name} (known: ${KNOWN_OPTIONS.join(', ')})`);
    }
  }
  // The terminal must give up on the card before we give up on the terminal (posxml.md, "Transport":
  // the read timeout past the transaction timeout), or every slow customer becomes a lookup.
  if (options.cardTimeoutSeconds !== undefined && options.cardTimeoutSeconds * 1000 >= options.resultTimeoutMs) {
    problems.push(
      `option cardTimeoutSeconds (${options.cardTimeoutSeconds}) must be shorter than timeoutSeconds (${config.timeoutSeconds})`,
    );
  }
  return problems.length > 0 ? err(problems) : ok(options);
}

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
