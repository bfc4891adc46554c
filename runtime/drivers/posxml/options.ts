// The driver's settings from the terminal's entry, as one zod schema: the only description of the
// options. Timer defaults: connect 10 s (posxml.md, "Transport"); the rest are our choices.
// Kept free of the XML codec, so the config can check options without loading the driver.
import { z } from 'zod';
import { milliseconds, optionsObject } from '../options-schema.js';

export const POSXML_DEFAULT_PORT = 4445;

export const posxmlOptionsSchema = z
  .object({
    timeoutSeconds: z.number().positive(),
    options: optionsObject({
      connectTimeoutMs: milliseconds().default(10_000),
      /** Answers that involve no card and no host: CancelAllOperations, status, lookups. */
      infoTimeoutMs: milliseconds().default(10_000),
      /** Tries of GetLastTransactionData after a lost result, while the terminal answers "busy". */
      lookupAttempts: z.number().int().min(1).default(3),
      lookupDelayMs: milliseconds().default(500),
      /** The `version` attribute of our envelope (versions seen: 6.0.2, 7.1.0, 7.2.0). */
      version: z
        .string()
        .regex(/^\d+(\.\d+){1,3}$/, 'must be a version like "7.2.0"')
        .default('7.2.0'),
      /** ReturnReceipts: receipt line width 24–64 (spec §2.3). */
      receiptWidth: z.number().int().min(24).max(64).default(40),
      /** PrintReceipt: 0 merchant copy, 1 both, 2 none; unset = the terminal's default (1). */
      printReceipt: z.literal([0, 1, 2]).optional(),
      /** Card waiting time the terminal enforces (TransactionRequest Timeout, 1–999 s); unset = its default. */
      cardTimeoutSeconds: z.number().int().min(1).max(999).optional(),
      /** Display language (Language, e.g. `et`, `en`, `ru`). */
      language: z
        .string()
        .regex(/^[a-z]{2}$/, 'must be a two-letter language code like "et"')
        .optional(),
      /** Where the terminal's log stream (port 5551 on the terminal) is reached; unset = not read. */
      logPort: z.number().int().min(1).max(65535).optional(),
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
