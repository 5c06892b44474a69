import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

/**
 * TOTP secrets are kept encrypted (AES-256-GCM), so a copy of the database alone (a backup, a dump)
 * does not let anyone produce the account's codes. The key is `MIKAN_SECRET_KEY` (any string; hashed
 * to 32 bytes) when set — needed when several machines share the database — and otherwise 32 random
 * bytes kept in `dataDir/secret.key` (created on first use, mode 0600).
 *
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts; `context` (the user id) is bound in as
 * additional authenticated data, so a sealed secret cannot be copied to another account.
 */
const keys = new Map<string, Buffer>();

function keyFor(config: Pick<Config, 'dataDir'>): Buffer {
  const fromEnv = process.env.MIKAN_SECRET_KEY;
  if (fromEnv) return createHash('sha256').update(fromEnv).digest();
  const file = path.join(config.dataDir, 'secret.key');
  const known = keys.get(file);
  if (known) return known;
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  }
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes (base64url)`);
  keys.set(file, key);
  return key;
}

export function seal(config: Pick<Config, 'dataDir'>, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(config), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The plain value, or null when the key or context is wrong or the value was tampered with. */
export function unseal(config: Pick<Config, 'dataDir'>, sealed: string, context: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return null;
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(config), iv!);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
