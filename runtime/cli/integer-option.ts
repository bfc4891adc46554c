// A whole-number option (`--port 3333`): its value, the fallback when it is not given, or a clear
// usage error naming the range.
import { UsageError } from './usage.js';

export function integerOption(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
