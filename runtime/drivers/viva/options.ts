// Viva driver settings from the terminal's config, validated with messages that name the option.
// `host`/`port` are the API base of Viva's cloud (or the simulator); `terminalId` is the terminal's
// serial number, which is also its source code in the orders style (viva.md, "A").
// Credentials are only ever copied into the values below, never into a message.
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';

export const VIVA_STYLES = ['orders', 'cloud-terminal'] as const;
export type VivaStyle = (typeof VIVA_STYLES)[number];

export interface BasicCredentials {
  user: string;
  password: string;
}

export interface VivaOptions {
  style: VivaStyle;
  /** `https://host[:port]`; plain http only to a loopback simulator. */
  baseUrl: string;
  /** Orders style: merchant id : API key. Cloud terminal: OAuth client id : secret. */
  credentials: BasicCredentials;
  /**
   * Orders style only: OAuth client id : secret for returns. The orders API gives money back only
   * against a parent transaction, so a return to a presented card goes through the cloud terminal
   * API's unreferenced refund; without these, returns are refused as not supported.
   */
  returnCredentials?: BasicCredentials;
  /** Cloud terminal (and orders returns): the accounts host's token endpoint. */
  tokenUrl: string;
  /** Cloud terminal: our register's name, sent with every sale and abort. */
  cashRegisterId: string;
  /** viva.md: without webhooks the register polls "every few seconds". */
  pollIntervalMs: number;
  /** Each HTTP request's own limit. */
  requestTimeoutMs: number;
  /** How often recovery asks for the result after an abort before calling it in doubt. */
  lookupAttempts: number;
  /** Card flow plus host answer: `config.timeoutSeconds`. */
  resultTimeoutMs: number;
}

export const VIVA_OPTION_DEFAULTS = {
  style: 'orders',
  pollIntervalMs: 2000,
  requestTimeoutMs: 10_000,
  lookupAttempts: 3,
} as const;

/** Production and demo API hosts and their accounts hosts (Viva's developer portal). */
const TOKEN_HOSTS: Readonly<Record<string, string>> = {
  'api.vivapayments.com': 'accounts.vivapayments.com',
  'demo-api.vivapayments.com': 'demo-accounts.vivapayments.com',
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const KNOWN_OPTIONS = [
  'style',
  'scheme',
  'merchantId',
  'apiKey',
  'clientId',
  'clientSecret',
  'tokenUrl',
  'cashRegisterId',
  'pollIntervalMs',
  'requestTimeoutMs',
  'lookupAttempts',
] as const;

type RawOptions = Partial<Record<(typeof KNOWN_OPTIONS)[number], unknown>>;

export function parseVivaOptions(config: TerminalConfig): Result<VivaOptions, string[]> {
  const raw = (config.options ?? {}) as RawOptions & Record<string, unknown>;
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((name) => !(KNOWN_OPTIONS as readonly string[]).includes(name));
  for (const name of unknown) problems.push(`unknown option ${name} (known: ${KNOWN_OPTIONS.join(', ')})`);

  const style = raw.style ?? VIVA_OPTION_DEFAULTS.style;
  if (!(VIVA_STYLES as readonly unknown[]).includes(style)) {
    problems.push(`option style must be one of ${VIVA_STYLES.join(', ')}, got ${JSON.stringify(style)}`);
  }
  if (!(Number.isFinite(config.timeoutSeconds) && config.timeoutSeconds > 0)) {
    problems.push(`timeoutSeconds must be a positive number of seconds, got ${JSON.stringify(config.timeoutSeconds)}`);
  }
  if (!/^[\x21-\x7e]{1,64}$/.test(config.terminalId)) {
    problems.push(`terminalId must be the terminal's serial number (1–64 printable characters), got ${JSON.stringify(config.terminalId)}`);
  }

  const baseUrl = apiBase(config, raw.scheme, problems);
  const cloud = style === 'cloud-terminal';
  const user = secret(raw, cloud ? 'clientId' : 'merchantId', style, problems);
  const password = secret(raw, cloud ? 'clientSecret' : 'apiKey', style, problems);
  if (cloud && (raw.merchantId !== undefined || raw.apiKey !== undefined)) {
    problems.push('options merchantId and apiKey belong to style orders; style cloud-terminal uses clientId and clientSecret');
  }
  const wantsReturns = !cloud && (raw.clientId !== undefined || raw.clientSecret !== undefined);
  const returnCredentials = wantsReturns ? { user: secret(raw, 'clientId', 'orders returns', problems), password: secret(raw, 'clientSecret', 'orders returns', problems) } : undefined;
  const tokenUrl = raw.tokenUrl === undefined ? defaultTokenUrl(config.host, baseUrl) : url(raw.tokenUrl, 'tokenUrl', problems);
  const cashRegisterId = raw.cashRegisterId === undefined ? config.id : text(raw.cashRegisterId, 'cashRegisterId', problems);
  const pollIntervalMs = positive(raw.pollIntervalMs, 'pollIntervalMs', VIVA_OPTION_DEFAULTS.pollIntervalMs, problems);
  const requestTimeoutMs = positive(raw.requestTimeoutMs, 'requestTimeoutMs', VIVA_OPTION_DEFAULTS.requestTimeoutMs, problems);
  const lookupAttempts = positive(raw.lookupAttempts, 'lookupAttempts', VIVA_OPTION_DEFAULTS.lookupAttempts, problems);
  if (!Number.isInteger(lookupAttempts)) problems.push(`option lookupAttempts must be a whole number, got ${lookupAttempts}`);

  if (problems.length > 0) return err(problems);
  return ok({
    style: style as VivaStyle,
    baseUrl,
    credentials: { user, password },
    ...(returnCredentials && { returnCredentials }),
    tokenUrl,
    cashRegisterId,
    pollIntervalMs,
    requestTimeoutMs,
    lookupAttempts,
    resultTimeoutMs: config.timeoutSeconds * 1000,
  });
}

/**
 * https unless told otherwise; plain http is allowed to a loopback host only (the simulator), so
 * credentials never cross a network in clear. A loopback host defaults to http.
 */
function apiBase(config: TerminalConfig, scheme: unknown, problems: string[]): string {
  const loopback = LOOPBACK.has(config.host);
  const chosen = scheme ?? (loopback ? 'http' : 'https');
  if (chosen !== 'http' && chosen !== 'https') {
    problems.push(`option scheme must be "https" or "http", got ${JSON.stringify(scheme)}`);
  } else if (chosen === 'http' && !loopback) {
    problems.push(`option scheme "http" is only allowed for a loopback host (credentials would travel in clear), host is ${config.host}`);
  }
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
    problems.push(`port must be 1–65535, got ${JSON.stringify(config.port)}`);
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${chosen}://${host}:${config.port}`;
}

function defaultTokenUrl(host: string, baseUrl: string): string {
  const accounts = TOKEN_HOSTS[host];
  return accounts ? `https://${accounts}/connect/token` : `${baseUrl}/connect/token`;
}

/** A required credential: the message names the option, never its value. */
function secret(raw: RawOptions, name: 'merchantId' | 'apiKey' | 'clientId' | 'clientSecret', style: unknown, problems: string[]): string {
  const value = raw[name];
  if (typeof value === 'string' && value.length > 0) return value;
  problems.push(`option ${name} is required for style ${String(style)} and must be a non-empty string`);
  return '';
}

function text(value: unknown, name: string, problems: string[]): string {
  if (typeof value === 'string' && /^[\x20-\x7e]{1,64}$/.test(value)) return value;
  problems.push(`option ${name} must be 1–64 printable characters, got ${JSON.stringify(value)}`);
  return '';
}

function url(value: unknown, name: string, problems: string[]): string {
  if (typeof value === 'string' && URL.canParse(value)) {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname.replace(/^\[|\]$/g, '')))) return value;
  }
  problems.push(`option ${name} must be an https URL (http only to a loopback host), got ${JSON.stringify(value)}`);
  return '';
}

function positive(value: unknown, name: string, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  problems.push(`option ${name} must be a positive number, got ${JSON.stringify(value)}`);
  return fallback;
}
