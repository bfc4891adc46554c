// What every protocol's options schema shares: unknown options refused by name, and one error
// naming every bad setting when a driver is built from settings no config file checked (tests,
// embedders).
import * as z from 'zod';
import { fieldProblems } from '../config/issues.js';
import type { TerminalConfig } from '../terminals/driver.js';

/** A protocol's `options`: a misspelt option is refused with the known ones, never silently ignored. */
export function optionsObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown option ${issue.keys.join(', ')} (known: ${known})` : undefined,
  });
}

/** A timer in milliseconds: positive and finite. */
export const milliseconds = () => z.number().positive();

/** A string a setting needs: missing is said as "is required", not as a type error. */
export const required = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) });

/**
 * The driver's typed settings from a terminal's entry.
 * @throws Error naming the terminal and every bad setting by its key (never a value)
 */
export function parseTerminalOptions<Out>(schema: z.ZodType<Out>, config: TerminalConfig): Out {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const problems = fieldProblems(parsed.error.issues).map(({ path, message }) => `${path}: ${message}`);
  throw new Error(`terminal ${config.id} (${config.protocol}): ${problems.join('; ')}`);
}
