// Password hashing with scrypt, the memory-hard function built into Node's crypto (no native
// add-on to build). Stored as scrypt$N$r$p$salt$hash so parameters can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 }; // 32 MiB and ~0.1 s per hash here; raise N as hardware allows
let cost: ScryptOptions = PARAMS;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...o, maxmem: 256 * o.N! * o.r! }, (e, key) => (e ? reject(e) : resolve(key))),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Tests only (files that check many passwords: the sign-in limits, the access matrix): hash at
 * N = 2^10 until the returned function is called, ~30 times cheaper. A hash keeps its own
 * parameters, so verifying is unchanged; the production cost is asserted in sign-in.storage.test.ts.
 * Nothing in src/ calls this.
 */
export function cheapPasswordHashingForTests(): () => void {
  cost = { N: 2 ** 10, r: 8, p: 1 };
  return () => {
    cost = PARAMS;
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** NCSC guidance: length over complexity rules. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Enter a password of at least 12 characters';
  if (password.length > 256) return 'Enter a password of 256 characters or fewer';
  return undefined;
}

/**
 * A hash of nothing anyone knows, at the cost passwords are hashed with, verified against when the
 * email is unknown so timing tells nothing.
 */
export const unknownUserHash = () => `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
