// The family's settings as one zod schema per profile: the session's timers and switches are the
// family's, each profile adds its own options. The schema is the only description of them.
// Timer defaults come from csob-b.md, "Flows" (connect 3 s, info replies 5 s, passivate 10 s).
// Kept free of the session and codec, so the config can check options without loading a driver.
import * as z from 'zod';
import { milliseconds, optionsObject } from '../options-schema.js';
import type { LetterFieldProfile } from './profile.js';

const SESSION_OPTIONS = {
  connectTimeoutMs: milliseconds().default(3000).describe('How long to wait for the TCP connection to the terminal, in ms.'),
  ackTimeoutMs: milliseconds().default(5000).describe("How long to wait for the terminal's acknowledgement of a request, in ms."),
  infoTimeoutMs: milliseconds()
    .default(5000)
    .describe('How long to wait for answers that involve no customer (terminal test, last transaction, receipt pages), in ms.'),
  passivateTimeoutMs: milliseconds().default(10_000).describe('How long to wait for the answer to a passivation (stop), in ms.'),
  reconnectAttempts: z
    .number()
    .int()
    .min(0)
    .default(3)
    .describe('How often to reach the terminal again to look up a result after a dropped connection.'),
  reconnectDelayMs: milliseconds().default(500).describe('Pause between those attempts, in ms.'),
  crcCheck: z.boolean().default(false).describe("Check and send a computed frame checksum instead of the profile's placeholder."),
};

export type SessionOptions = z.output<z.ZodObject<typeof SESSION_OPTIONS>> & {
  /** Card flow and host answer: `config.timeoutSeconds` (the notes' 60 s is the usual value). */
  resultTimeoutMs: number;
};

/**
 * A terminal entry of this profile → the session's options plus the profile's own (`extras`). The
 * terminal id must fit the profile's header field.
 */
export function letterFieldOptionsSchema<Extras extends z.core.$ZodLooseShape>(profile: LetterFieldProfile, extras: Extras) {
  const idWidth = profile.frame.header.find((field) => field.name === 'terminalId')?.width ?? 0;
  return z
    .object({
      terminalId: z
        .string()
        .regex(new RegExp(`^[\\x20-\\x7e]{1,${idWidth}}$`), `must be 1–${idWidth} printable ASCII characters`),
      timeoutSeconds: z.number().positive(),
      options: optionsObject({ ...SESSION_OPTIONS, ...extras }),
    })
    .transform(({ timeoutSeconds, options }) => ({ ...options, resultTimeoutMs: timeoutSeconds * 1000 }));
}
