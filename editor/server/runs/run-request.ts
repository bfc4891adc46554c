// What a client may ask to run: a saved script by its virtual path, or (consultants and admins)
// unsaved source, at a desk and in a language. Admins and consultants choose any PC and user to
// try the binding; everyone else runs as their own account, at a PC an admin assigned to it —
// otherwise a cashier could record anyone in the journal and pay on another person's terminal.
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

/** Who asks: the logged-in account, its role and the PCs an admin assigned to it. */
export interface RunAccount {
  name: string;
  role: Role;
  pcs: readonly string[];
}

const DESK_NAME = /^[^\u0000-\u001f]{1,128}$/;

export function parseRunRequest(body: unknown, account: RunAccount): RunRequest {
  const { role } = account;
  const b = (body ?? {}) as Record<string, unknown>;
  const optionalText = (key: string): string | undefined => {
    const value = b[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !DESK_NAME.test(value))
      throw new HttpError(400, `${key} must be a string of 1–128 printable characters`);
    return value;
  };
  const script = optionalText('script');
  const source = b.source;
  if (source !== undefined && typeof source !== 'string') throw new HttpError(400, 'source must be a string');
  if (script === undefined && source === undefined) throw new HttpError(400, 'give "script" (a saved script) or "source"');
  // A cashier runs saved scripts only: running arbitrary source would be editing by another name.
  if (source !== undefined && !can(role, 'scripts.edit')) throw new HttpError(403, `the ${role} role may run saved scripts only`);
  const lang = b.lang ?? b.language;
  if (lang !== undefined && lang !== '' && !isLanguage(lang))
    throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`);
  return {
    script,
    source,
    ...deskOf(optionalText('pc'), optionalText('user'), account),
    language: lang ? (lang as Language) : undefined,
  };
}

function deskOf(pc: string | undefined, user: string | undefined, account: RunAccount): Pick<RunRequest, 'pc' | 'user'> {
  if (can(account.role, 'runs.any-desk')) return { pc, user: user ?? account.name };
  if (user !== undefined && user !== account.name) {
    throw new HttpError(403, `the ${account.role} role runs as its own account "${account.name}", not as "${user}"`);
  }
  if (pc === undefined) return { pc: account.pcs.length === 1 ? account.pcs[0] : undefined, user: account.name };
  if (!account.pcs.includes(pc))
    throw new HttpError(403, `PC "${pc}" is not assigned to ${account.name} (an admin assigns PCs on the Users page)`);
  return { pc, user: account.name };
}
