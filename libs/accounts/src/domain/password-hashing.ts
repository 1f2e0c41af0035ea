import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, Algorithm } from '@node-rs/argon2';
import pLimit, { type LimitFunction } from 'p-limit';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~15–19 ms a hash here (STACK-NOTES). */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordCheck {
  matches: boolean;
  /** The stored hash is of an older scheme (werkzeug pbkdf2) and should be replaced on this login. */
  needsRehash: boolean;
}

/**
 * How many argon2 hashes run at once (PASSWORD_HASH_CONCURRENCY, one per core by default, set at
 * start-up). Each takes a core for ~20 ms; left to libuv's four threads, a burst of sign-ups or
 * logins on a 2-core machine oversubscribes the cores and starves the event loop: every other
 * request waits, and verification emails trailed their 201 by seconds (bench/RESULTS.md).
 */
let hashing: LimitFunction = pLimit(1);

export function limitPasswordHashing(concurrency: number): void {
  hashing = pLimit(concurrency);
}

export function hashPassword(password: string): Promise<string> {
  return hashing(() => argon2Hash(password, ARGON2_OPTIONS));
}

/**
 * Checks a password against an argon2id hash, or against a werkzeug pbkdf2 hash imported from the
 * reference database (then `needsRehash` asks the caller to store an argon2id hash instead).
 */
export async function checkPassword(password: string, storedHash: string): Promise<PasswordCheck> {
  if (storedHash.startsWith('$argon2')) {
    try {
      return { matches: await hashing(() => argon2Verify(storedHash, password)), needsRehash: false };
    } catch {
      return { matches: false, needsRehash: false };
    }
  }
  if (storedHash.startsWith('pbkdf2:')) {
    return { matches: checkWerkzeugPbkdf2(password, storedHash), needsRehash: true };
  }
  return { matches: false, needsRehash: false };
}

const WERKZEUG_DIGESTS = new Set(['sha256', 'sha512', 'sha1']);

/**
 * werkzeug.security.check_password_hash for pbkdf2 hashes: `pbkdf2:<digest>[:<iterations>]$<salt>$<hex>`,
 * the key derived from the UTF-8 password and the salt's UTF-8 bytes. Without an explicit count,
 * werkzeug used 150000 (the default of werkzeug 0.15–1.x, which the reference pins).
 */
export function checkWerkzeugPbkdf2(password: string, storedHash: string): boolean {
  const [method, salt, hex] = storedHash.split('$');
  if (!method || salt === undefined || !hex || !/^[0-9a-f]+$/i.test(hex)) return false;
  const [scheme, digest = 'sha256', iterationsText] = method.split(':');
  if (scheme !== 'pbkdf2' || !WERKZEUG_DIGESTS.has(digest)) return false;
  const iterations = iterationsText === undefined ? 150_000 : Number(iterationsText);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
  const expected = Buffer.from(hex, 'hex');
  const actual = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    Buffer.from(salt, 'utf8'),
    iterations,
    expected.length,
    digest,
  );
  return expected.length > 0 && timingSafeEqual(actual, expected);
}
