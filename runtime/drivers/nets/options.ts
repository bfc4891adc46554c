// NETS driver settings from the terminal's entry, as one zod schema: the only description of the
// options. The account is the organisation's (nets-connect-cloud.md, "Account model"): every
// location's terminal config repeats the same username and password; `terminalId` picks the
// terminal. zod's messages never carry the value, so the password cannot leak into one.
import * as z from 'zod';
import { optionsObject, required } from '../options-schema.js';

const text = (schema: z.ZodString) => schema.refine((value) => value.trim() !== '', 'must be a non-empty string');
/** The notes' timers may be switched off (0), unlike a connect timeout. */
const delay = () => z.number().min(0);

export const netsOptionsSchema = z
  .object({
    host: z.string(),
    terminalId: z.string().refine((id) => id.trim() !== '', 'must name the NETS terminal'),
    timeoutSeconds: z.number().positive(),
    options: optionsObject({
      username: text(required()).describe("The organisation account's user name at NETS."),
      password: text(required()).describe("The organisation account's password."),
      location: text(z.string()).optional().describe('The location the terminal stands in; a label for the log only.'),
      tls: z.boolean().optional().describe('HTTPS to host:port; empty: on, except for a loopback host (the simulator).'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "NOK"')
        .optional()
        .describe('The currency the terminal is set up for (ISO 4217: NOK, SEK…); a request in another is refused unsent.'),
      // Notes: "no API answer in 60 s".
      apiTimeoutMs: delay().default(60_000).describe('How long to wait for every API call except the card flow itself, in ms.'),
      // Notes: an earlier lookup may not yet see it, ~5 s.
      lookupDelayMs: delay().default(5_000).describe('Pause before each lookup of a lost result, in ms.'),
      abortGraceMs: delay()
        .default(15_000)
        .describe('After a cancel, how long the card flow may take to end before it is looked up, in ms.'),
      // Notes: ~10 min.
      renewBeforeExpiryMs: delay().default(600_000).describe('Renew the login token this long before it expires, in ms.'),
      // Notes: "wait before retrying".
      busyRetryDelayMs: delay().default(5_000).describe('Pause before the one retry of a reversal answered "busy", in ms.'),
    }),
  })
  /** Card flow: `config.timeoutSeconds`. */
  .transform(({ host, timeoutSeconds, options }) => ({
    ...options,
    tls: options.tls ?? !isLoopback(host),
    resultTimeoutMs: timeoutSeconds * 1000,
  }));

export type NetsOptions = z.output<typeof netsOptionsSchema>;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
