import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A token that must be handed out later (MiAuth's `check` after `gen-token`) is kept sealed:
 * AES-256-GCM under a key derived with HKDF-SHA256 from a secret only the app holds (the MiAuth
 * session id), which the database stores as a hash only. The database alone therefore cannot give
 * the token back; the app's secret is needed, and GCM's tag refuses a wrong one.
 *
 * Format: `v1.<salt>.<iv>.<tag>.<ciphertext>`, base64url parts. `context` (e.g. the row id) is bound
 * in as additional authenticated data, so a sealed value cannot be moved to another row.
 */
const VERSION = 'v1';
const INFO = Buffer.from('mikan sealed token v1');

function deriveKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, INFO, 32));
}

export function sealToken(token: string, secret: string, context: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, salt, iv, tag, ciphertext].map((part) => typeof part === 'string' ? part : part.toString('base64url')).join('.');
}

/** The token, or null when the secret or context is wrong or the value was tampered with. */
export function openToken(sealed: string, secret: string, context: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [salt, iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  if (iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
