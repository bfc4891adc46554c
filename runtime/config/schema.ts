// payscript.config.json: the contract with admins. Every key is validated and every problem is
// reported with the key's path, so a typo never silently binds a desk to the wrong terminal.
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { DEFAULT_LIMITS, LIMIT_BOUNDS } from '../sandbox/index.js';
import { LANGUAGES } from '../i18n/catalog.js';
import { PROTOCOLS, protocolEntry } from '../protocols.js';
import { isPostgresUrl, POSTGRES_URL_FORMAT } from '../journal/postgres/journal-url.js';
import { DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS } from '../journal/postgres/pool-defaults.js';

const terminalSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"'),
    // Protocols with a driver in this build (the protocol registry); the config refuses any other.
    protocol: z.enum(PROTOCOLS),
    host: z.string().min(1, 'must name the terminal host or IP address'),
    port: z.number().int().min(1).max(65535),
    terminalId: z.string().min(1).max(16),
    timeoutSeconds: z.number().positive().max(3600).default(60),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  // Checked, not replaced: the config keeps the options as written, each driver parses its own.
  .superRefine((terminal, ctx) => {
    // The registry's options schemas hold no driver code, so checking a config loads no codec or client.
    const parsed = protocolEntry(terminal.protocol)!.optionsSchema.safeParse(terminal);
    if (!parsed.success) for (const { path, message } of parsed.error.issues) ctx.addIssue({ code: 'custom', path, message });
  });

/**
 * PC or user name → terminal id. zod's record silently drops a `__proto__` key (a JavaScript object
 * cannot hold it as data), so such a name is refused by name instead of being lost.
 */
const deskMap = z.preprocess((value, ctx) => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
    ctx.issues.push({ code: 'custom', message: '"__proto__" cannot be a PC or user name', input: value });
  }
  return value;
}, z.record(z.string(), z.string()).default({}));

const bindingSchema = z
  .object({
    mode: z.enum(['single', 'pc', 'user']),
    terminal: z.string().optional(),
    pc: deskMap,
    user: deskMap,
  })
  .strict();

/** Each limit within the sandbox's bounds (one table for the config and the sandbox API). */
const limit = (key: keyof typeof LIMIT_BOUNDS) => {
  const { min, max, whole } = LIMIT_BOUNDS[key];
  return (whole ? z.number().int() : z.number()).min(min).max(max).default(DEFAULT_LIMITS[key]);
};

const limitsSchema = z
  .object({
    memoryMiB: limit('memoryMiB'),
    cpuSeconds: limit('cpuSeconds'),
    wallSeconds: limit('wallSeconds'),
    stackKiB: limit('stackKiB'),
    outputKiB: limit('outputKiB'),
  })
  .strict();

/**
 * Where the journal lives: SQLite in `dataDir` unless `url` names a PostgreSQL database that several
 * hosts share. PAYSCRIPT_JOURNAL_URL overrides `url` and keeps the password out of this file. Hosts
 * sharing it hold terminal leases: how long a lease lasts unrenewed (so how long a dead host's
 * terminals stay blocked), how long an operation waits for another host to give a terminal up, and
 * the name other hosts see in "terminal busy at host X".
 */
/** How long a dead host's terminals stay blocked unless `journal.leaseSeconds` says otherwise. */
export const DEFAULT_LEASE_SECONDS = 15;

const journalSchema = z
  .object({
    url: z.string().refine(isPostgresUrl, POSTGRES_URL_FORMAT).optional(),
    poolSize: z.number().int().min(1).max(100).default(DEFAULT_POOL_SIZE),
    statementTimeoutSeconds: z
      .number()
      .positive()
      .max(600)
      .default(DEFAULT_STATEMENT_TIMEOUT_MS / 1000),
    leaseSeconds: z.number().min(1).max(600).default(DEFAULT_LEASE_SECONDS),
    leaseWaitSeconds: z.number().min(0).max(3600).default(30),
    hostId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"')
      .optional(),
  })
  .strict();

export type JournalSettings = z.infer<typeof journalSchema>;

export const configSchema = z
  .object({
    language: z.enum(LANGUAGES).default('en'),
    logDir: z.string().min(1).default(defaultLogDir()),
    dataDir: z.string().min(1).default(defaultDataDir()),
    journal: journalSchema.default(journalSchema.parse({})),
    terminals: z.array(terminalSchema).min(1, 'must list at least one terminal'),
    binding: bindingSchema,
    limits: limitsSchema.default(limitsSchema.parse({})),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    config.terminals.forEach((terminal, index) => {
      if (ids.has(terminal.id)) {
        ctx.addIssue({ code: 'custom', path: ['terminals', index, 'id'], message: `duplicate terminal id "${terminal.id}"` });
      }
      ids.add(terminal.id);
    });
    const known = (id: string | undefined, path: (string | number)[]) => {
      if (id !== undefined && !ids.has(id)) {
        ctx.addIssue({ code: 'custom', path, message: `names terminal "${id}", which is not in "terminals"` });
      }
    };
    known(config.binding.terminal, ['binding', 'terminal']);
    for (const [pc, id] of Object.entries(config.binding.pc)) known(id, ['binding', 'pc', pc]);
    for (const [user, id] of Object.entries(config.binding.user)) known(id, ['binding', 'user', user]);
    if (config.binding.mode === 'single' && config.binding.terminal === undefined) {
      ctx.addIssue({ code: 'custom', path: ['binding', 'terminal'], message: 'is required when binding.mode is "single"' });
    }
  });

export type PayscriptConfig = z.infer<typeof configSchema>;
export type TerminalSettings = PayscriptConfig['terminals'][number];

/** The transaction journal lives in `~/.payscript` unless `dataDir` says otherwise. */
export function defaultDataDir(): string {
  return join(homedir(), '.payscript');
}

/** Session logs go to a `PointOfSale` folder of the user directory unless `logDir` says otherwise. */
export function defaultLogDir(): string {
  return join(homedir(), 'PointOfSale');
}
