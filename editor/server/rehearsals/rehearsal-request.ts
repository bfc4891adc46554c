// What a client may ask to rehearse: a saved script by its virtual path, on some protocols against
// some outcomes (all of either by default), read with the parsers `payscript test` uses.
import { isLanguage, LANGUAGES, type Language } from '../../../runtime/i18n/catalog.js';
import { parseProtocols } from '../../../runtime/rehearsal/rehearse-cell.js';
import { parseOutcomes, type OutcomeChoice } from '../../../runtime/rehearsal/scenarios.js';
import { HttpError } from '../http-error.js';

export interface RehearsalRequest {
  /** Virtual path of a saved script ("scripts/Prikl_142.ts"). */
  script: string;
  protocols: string[];
  choices: OutcomeChoice[];
  language?: Language;
}

export function parseRehearsalRequest(body: unknown): RehearsalRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.script !== 'string' || b.script === '') throw new HttpError(400, 'give "script", the path of a saved script');
  const protocols = parseProtocols(listOf(b.protocols, 'protocols'));
  if (!protocols.ok) throw new HttpError(422, protocols.message);
  const outcomes = parseOutcomes(listOf(b.outcomes, 'outcomes'));
  if (!outcomes.ok) throw new HttpError(422, outcomes.message);
  const lang = b.lang;
  if (lang !== undefined && lang !== '' && !isLanguage(lang))
    throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`);
  return {
    script: b.script,
    protocols: protocols.protocols,
    choices: outcomes.choices,
    language: lang ? (lang as Language) : undefined,
  };
}

/** A list of names as the command line writes it (`a,b`), `all` when none is given; each name once. */
function listOf(value: unknown, key: string): string {
  if (value === undefined) return 'all';
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || item.includes(',')))
    throw new HttpError(400, `${key} must be a non-empty list of names`);
  return [...new Set(value as string[])].join(',');
}
