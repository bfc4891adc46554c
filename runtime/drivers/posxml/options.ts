// The driver's settings from the terminal's entry, as one zod schema: the only description of the
// options. Timer defaults: connect 10 s (posxml.md, "Transport"); the rest are our choices.
// Kept free of the XML codec, so the config can check options without loading the driver.
import * as z from 'zod';
import { milliseconds, optionsObject } from '../options-schema.js';

export const POSXML_DEFAULT_PORT = 4445;

export const posxmlOptionsSchema = z
  .object({
    timeoutSeconds: z.number().positive(),
    options: optionsObject({
      connectTimeoutMs: milliseconds().default(10_000).describe('How long to wait for the connection to the terminal, in ms.'),
      infoTimeoutMs: milliseconds()
        .default(10_000)
        .describe('How long to wait for answers that involve no card and no host (cancel, status, lookups), in ms.'),
      lookupAttempts: z
        .number()
        .int()
        .min(1)
        .default(3)
        .describe('How often to ask for the last transaction after a lost result while the terminal answers "busy".'),
      lookupDelayMs: milliseconds().default(500).describe('Pause between those lookups, in ms.'),
      // Versions seen: 6.0.2, 7.1.0, 7.2.0.
      version: z
        .string()
        .regex(/^\d+(\.\d+){1,3}$/, 'must be a version like "7.2.0"')
        .default('7.2.0')
        .describe('PoSXML version the register speaks (the version attribute of every message).'),
      // ReturnReceipts (spec §2.3).
      receiptWidth: z.number().int().min(24).max(64).default(40).describe('Receipt line width in characters, 24–64.'),
      printReceipt: z
        .literal([0, 1, 2])
        .optional()
        .describe("What the terminal prints: 0 the merchant copy, 1 both, 2 none; empty: the terminal's default (both)."),
      cardTimeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(999)
        .optional()
        .describe("How long the terminal waits for the card, 1–999 s, shorter than the terminal's timeout; empty: its default."),
      language: z
        .string()
        .regex(/^[a-z]{2}$/, 'must be a two-letter language code like "et"')
        .optional()
        .describe("Display language of the terminal (et, en, ru…); empty: the terminal's own."),
      logPort: z
        .number()
        .int()
        .min(1)
        .max(65535)
        .optional()
        .describe("Port where the terminal's log stream is reached (5551 on the terminal, or as forwarded); empty: not read."),
    }),
  })
  .superRefine(({ timeoutSeconds, options }, ctx) => {
    // The terminal must give up on the card before we give up on the terminal (posxml.md,
    // "Transport": the read timeout past the transaction timeout), or every slow customer becomes a lookup.
    if (options.cardTimeoutSeconds !== undefined && options.cardTimeoutSeconds >= timeoutSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'cardTimeoutSeconds'],
        message: `must be shorter than timeoutSeconds (${timeoutSeconds})`,
      });
    }
  })
  /** Card flow and host answer: `config.timeoutSeconds`. */
  .transform(({ timeoutSeconds, options }) => ({ ...options, resultTimeoutMs: timeoutSeconds * 1000 }));

export type PosxmlOptions = z.output<typeof posxmlOptionsSchema>;
