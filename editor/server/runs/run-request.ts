// What a client may ask to run: a saved script by its virtual path, or (consultants and admins)
// unsaved source, at a chosen desk and language.
import { isLanguage, LANGUAGES, type Language } from '../../../runtime/i18n/catalog.js';
import { can, type Role } from '../auth/roles.js';
import { HttpError } from '../http-error.js';

export interface RunRequest {
  /** Virtual path of a saved script ("scripts/Prikl_142.ts"); with `source`, where it stands. */
  script?: string;
  /** Unsaved script text, run as if saved at `script` (or at the top of the user folder). */
  source?: string;
  pc?: string;
  user?: string;
  language?: Language;
}

const DESK_NAME = /^[^\u0000-\u001f]{1,128}$/;

export function parseRunRequest(body: unknown, role: Role): RunRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const optionalText = (key: string): string | undefined => {
    const value = b[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !DESK_NAME.test(value)) throw new HttpError(400, `${key} must be a string of 1–128 printable characters`);
    return value;
  };
  const script = optionalText('script');
  const source = b.source;
  if (source !== undefined && typeof source !== 'string') throw new HttpError(400, 'source must be a string');
  if (script === undefined && source === undefined) throw new HttpError(400, 'give "script" (a saved script) or "source"');
  // A cashier runs saved scripts only: running arbitrary source would be editing by another name.
  if (source !== undefined && !can(role, 'scripts.edit')) throw new HttpError(403, `the ${role} role may run saved scripts only`);
  const lang = b.lang ?? b.language;
  if (lang !== undefined && lang !== '' && !isLanguage(lang)) throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`);
  return { script, source, pc: optionalText('pc'), user: optionalText('user'), language: lang ? (lang as Language) : undefined };
}
