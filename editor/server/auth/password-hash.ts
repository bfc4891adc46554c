// Passwords are stored only as scrypt hashes (node:crypto), with the parameters in the stored
// string so they can be raised later without invalidating existing users.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
/** N = 2^15, r = 8 — OWASP's recommended scrypt floor; ~50 ms per hash on the target machines. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 };

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes (32 MiB here), which Node's default maxmem (32 MiB) refuses.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` with base64url salt and hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A well-formed hash no password matches (its key is all zeros), checked at full cost: an unknown
 * name is verified against it so that it takes as long as a wrong password.
 */
export const UNMATCHABLE_HASH = [
  'scrypt',
  PARAMS.N,
  PARAMS.r,
  PARAMS.p,
  Buffer.alloc(16).toString('base64url'),
  Buffer.alloc(KEY_LENGTH).toString('base64url'),
].join('$');

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for a first admin or a reset: 18 random bytes, 24 characters, no ambiguity about its strength. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
