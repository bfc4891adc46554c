// Every code the driver may report is described in every language; a new code without texts fails here.
import { expect, test } from 'vitest';
import { KNOWN_POSXML_RESPONSE_CODES } from '../../../runtime/drivers/posxml/index.js';
import { CORE_LANGUAGES } from '../../../runtime/i18n/catalog.js';
import { POSXML_CODE_TEXTS } from '../../../runtime/i18n/codes/posxml.js';

test.each(CORE_LANGUAGES)('every PoSXML code has a %s text, and no text describes an unknown code', (language) => {
  const texts = POSXML_CODE_TEXTS[language] ?? {};
  for (const code of KNOWN_POSXML_RESPONSE_CODES) expect(texts[code]?.trim(), `${code} in ${language}`).toBeTruthy();
  expect(Object.keys(texts).sort()).toEqual([...KNOWN_POSXML_RESPONSE_CODES].sort());
  if (language !== 'en') {
    const same = KNOWN_POSXML_RESPONSE_CODES.filter((code) => texts[code] === POSXML_CODE_TEXTS.en[code]);
    expect(same, `untranslated in ${language}`).toEqual([]);
  }
});
