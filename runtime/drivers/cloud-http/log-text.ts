// What of a cloud exchange may reach the log: secret values replaced by key (in JSON, form bodies
// and query strings alike), every card number and every other run of 13 or more digits masked.
// A PAN can hide in a field we do not know, and first six / last four still identify an order code.
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import { stringifyJson } from './json.js';

/** Keys whose values never reach the log: passwords, tokens, client secrets, API keys. */
const SECRET_KEY = /password|passwd|secret|token|api[-_]?key|^key$|^authorization$|credential/i;
const LONG_DIGIT_RUN = /(?<!\d)\d{13,}(?!\d)/g;
/** `key=value` or `"key": "value"` in text that is neither JSON nor a form we could read. */
const SECRET_PAIR =
  /((?:password|passwd|secret|token|api[-_]?key|authorization|credential)[\w-]*["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic)\s+)?[^"'&\s,}]+/gi;
const REDACTED = '[redacted]';
const EXCERPT_CHARS = 200;

/** Any text bound for the log, with card numbers and long digit runs masked. */
export function forLog(text: string): string {
  return maskCardNumbersInText(text).replace(LONG_DIGIT_RUN, (run) => maskCardNumber(run));
}

/** A JSON value as logged: secret values replaced at any depth. */
export function jsonForLog(value: unknown): string {
  return forLog(stringifyJson(redactJson(value)));
}

/** A form body or query string as logged. */
export function formForLog(form: URLSearchParams): string {
  const pairs = [...form].map(
    ([key, value]) => `${encodeURIComponent(key)}=${SECRET_KEY.test(key) ? REDACTED : encodeURIComponent(value)}`,
  );
  return forLog(pairs.join('&'));
}

/** Text that is not JSON (an error page, a broken answer): a short excerpt, secrets and digits hidden. */
export function textForLog(text: string): string {
  const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return forLog(excerpt.replace(SECRET_PAIR, `$1${REDACTED}`)).replace(/[^\x20-\x7e…]/g, '.');
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== 'object' || value === null || !isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : redactJson(inner)]),
  );
}

/** Plain records only: a LosslessNumber (a long id as written) is kept as it is. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
