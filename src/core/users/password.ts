import { hash, verify, type Algorithm } from '@node-rs/argon2';

// The package's Algorithm is a const enum, which isolatedModules cannot read at run time.
const ARGON2ID = 2 as Algorithm;

/** Misskey's rule: any non-empty string. */
export function isValidPassword(password: unknown): password is string {
  return typeof password === 'string' && password !== '';
}

/** An argon2id PHC string (`$argon2id$v=19$...`), the library's recommended cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** False for a missing hash (an account without a password) or any malformed one, never a throw. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash || typeof password !== 'string') return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
