// payscript.config.json: the contract with admins. Every key is validated and every problem is
// reported with the key's path, so a typo never silently binds a desk to the wrong terminal.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS, LIMIT_BOUNDS } from '../sandbox/index.js';
import { LANGUAGES } from '../i18n/catalog.js';
import { csobOptionsSchema } from '../drivers/csob/options.js';
import { gpeOptionsSchema } from '../drivers/gpe/options.js';
import { netsOptionsSchema } from '../drivers/nets/options.js';
import { posxmlOptionsSchema } from '../drivers/posxml/options.js';
import { vivaOptionsSchema } from '../drivers/viva/options.js';

/** Protocols with a driver in this build; the config refuses any other. */
export const PROTOCOLS = ['csob', 'gpe', 'posxml', 'nets', 'viva'] as const;

/**
 * Each protocol's options, checked against the whole terminal entry (some depend on its host or
 * timeout). These modules hold no driver code, so checking a config loads no codec or client.
 */
const OPTIONS_SCHEMAS: Readonly<Record<(typeof PROTOCOLS)[number], z.ZodType>> = {
  csob: csobOptionsSchema,
  gpe: gpeOptionsSchema,
  posxml: posxmlOptionsSchema,
  nets: netsOptionsSchema,
  viva: vivaOptionsSchema,
};

const terminalSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"'),
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
    const parsed = OPTIONS_SCHEMAS[terminal.protocol].safeParse(terminal);
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
 * The shared journal's terminal leases (several hosts): how long a lease lasts unrenewed (so how
 * long a dead host's terminals stay blocked), how long an operation waits for another host to give
 * a terminal up, and the name other hosts see in "terminal busy at host X".
 */
const journalSchema = z
  .object({
    leaseSeconds: z.number().min(1).max(600).default(15),
    leaseWaitSeconds: z.number().min(0).max(3600).default(30),
    hostId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"')
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    language: z.enum(LANGUAGES).default('en'),
    logDir: z.string().min(1).default(defaultLogDir()),
    dataDir: z.string().min(1).default(defaultDataDir()),
    terminals: z.array(terminalSchema).min(1, 'must list at least one terminal'),
    binding: bindingSchema,
    limits: limitsSchema.default(limitsSchema.parse({})),
    journal: journalSchema.default(journalSchema.parse({})),
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
