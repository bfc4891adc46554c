// Each protocol's terminal options as JSON Schema, for the Terminals page to build its form from:
// the drivers' own zod schemas (types, defaults, ranges, enums, help texts), with every secret
// marked write-only so the form shows a password field. Schemas only: no option value is in them.
import * as z from 'zod';
import { PROTOCOL_REGISTRY } from '../../../runtime/protocols.js';
import { isSecretKey } from './secret-options.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

let cached: Record<string, JsonSchema> | undefined;

/** Protocol → the JSON Schema of its `options` object. */
export function optionsJsonSchemas(): Record<string, JsonSchema> {
  cached ??= Object.fromEntries(PROTOCOL_REGISTRY.map((entry) => [entry.name, optionsJsonSchema(entry.optionsSchema)]));
  return cached;
}

function optionsJsonSchema(terminalSchema: z.ZodType): JsonSchema {
  // The driver's schema checks the whole terminal entry; the form edits what an admin types, its input side.
  const terminal = z.toJSONSchema(terminalSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const options = terminal.properties?.options ?? { type: 'object', properties: {} };
  const properties = Object.fromEntries(
    Object.entries(options.properties ?? {}).map(([key, schema]) => [
      key,
      isSecretKey(key) ? { ...schema, writeOnly: true } : schema,
    ]),
  );
  return { ...options, properties };
}
