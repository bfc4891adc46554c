// Credentials in terminal options (cloud logins, API keys, webhook secrets) never reach the
// browser: the settings page gets a mask in their place, and when the form sends the mask back
// the stored value is kept — but only for the destination it was typed for, or whoever may save
// settings could point the terminal at a listener of their own and have the secret sent there.
// Options may nest (Viva's `credentials: { user, password }`).
import { isDeepStrictEqual } from 'node:util';

/** What the browser sees instead of a secret. */
export const SECRET_MASK = '••••••••';

/** By the end of the key: `password`, `clientSecret`, `apiKey`, `token` — but not `tokenUrl`. */
const SECRET_KEY = /(password|passwd|passphrase|secret|apikey|accesskey|privatekey|token)$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''));
}

type Json = unknown;

/** A copy of `options` with every secret value (other than empty) replaced by the mask. */
export function maskSecrets(options: Record<string, Json>): Record<string, Json> {
  return mapEntries(options, (key, value) => (isSecretKey(key) && value !== '' && value !== undefined ? SECRET_MASK : value));
}

/**
 * `incoming` with every masked secret replaced by the value at the same place in `stored`; a mask
 * with nothing stored behind it (a renamed terminal, say) stays for `maskedPaths` to report.
 */
export function restoreSecrets(incoming: Record<string, Json>, stored: Record<string, Json> | undefined): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(incoming)) {
    const before = stored?.[key];
    if (value === SECRET_MASK && isSecretKey(key) && before !== undefined) result[key] = before;
    else if (isPlainObject(value)) result[key] = restoreSecrets(value, isPlainObject(before) ? before : undefined);
    else result[key] = value;
  }
  return result;
}

/**
 * The first setting of a terminal that decides where its secrets are sent — protocol, host, port
 * or any option other than a secret (scheme, `tls`, `tokenUrl`, style, the account name…) — that
 * differs between `incoming` and `stored`; undefined when the destination is the same.
 */
export function changedDestination(incoming: Record<string, Json>, stored: Record<string, Json>): string | undefined {
  const changed = (['protocol', 'host', 'port'] as const).find((key) => !isDeepStrictEqual(incoming[key], stored[key]));
  if (changed) return changed;
  const now = withoutSecrets(objectOrEmpty(incoming.options));
  const before = withoutSecrets(objectOrEmpty(stored.options));
  const option = [...new Set([...Object.keys(now), ...Object.keys(before)])].find(
    (key) => !isDeepStrictEqual(now[key], before[key]),
  );
  return option === undefined ? undefined : `options.${option}`;
}

/** Dotted paths of values that are still the mask, so the admin is asked to type them again. */
export function maskedPaths(options: Record<string, Json>, prefix: string): string[] {
  return Object.entries(options).flatMap(([key, value]) =>
    value === SECRET_MASK ? [`${prefix}.${key}`] : isPlainObject(value) ? maskedPaths(value, `${prefix}.${key}`) : [],
  );
}

function mapEntries(object: Record<string, Json>, secret: (key: string, value: Json) => Json): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(object)) {
    const masked = secret(key, value);
    result[key] = masked === value && isPlainObject(value) ? mapEntries(value, secret) : masked;
  }
  return result;
}

function withoutSecrets(object: Record<string, Json>): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!isSecretKey(key)) result[key] = isPlainObject(value) ? withoutSecrets(value) : value;
  }
  return result;
}

function objectOrEmpty(value: Json): Record<string, Json> {
  return isPlainObject(value) ? value : {};
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
