// Every protocol's response-code texts, by protocol name: a protocol's code texts are its file here
// and its line below (the protocol registry, runtime/protocols.ts, names the languages they need).
import type { CodeTexts } from '../catalog.js';
import { CSOB_CODE_TEXTS } from './csob.js';
import { GPE_CODE_TEXTS } from './gpe.js';
import { NETS_CODE_TEXTS } from './nets.js';
import { POSXML_CODE_TEXTS } from './posxml.js';
import { VIVA_CODE_TEXTS } from './viva.js';

export const CODE_TEXTS: Readonly<Record<string, CodeTexts>> = {
  csob: CSOB_CODE_TEXTS,
  gpe: GPE_CODE_TEXTS,
  posxml: POSXML_CODE_TEXTS,
  nets: NETS_CODE_TEXTS,
  viva: VIVA_CODE_TEXTS,
};
