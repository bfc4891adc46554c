// The PostgreSQL journal's address as people may see it: the password never leaves the process in
// a message, a log line or an answer.

/** How a journal URL is written, for messages about a wrong one (which never echo it). */
export const POSTGRES_URL_FORMAT = 'must be a PostgreSQL URL: postgres://user:password@host:5432/database';

/** True for a `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(text: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The URL with its password replaced by `***`; anything unreadable as a URL is not echoed at all. */
export function maskedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

/** A message with any occurrence of the URL's password (plain or percent-encoded) replaced by `***`. */
export function withoutPassword(message: string, text: string): string {
  let password: string;
  try {
    password = new URL(text).password;
  } catch {
    return message;
  }
  if (!password) return message;
  const decoded = safeDecode(password);
  return [password, decoded].reduce((out, secret) => (secret ? out.split(secret).join('***') : out), message);
}

/** A URL part decoded, or as typed when its percent escapes are broken. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
