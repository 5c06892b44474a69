import { createHash, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random token of [A-Za-z0-9]; Misskey uses 16 characters for native tokens and 32 for app tokens. */
export function generateToken(length = 32): string {
  let token = '';
  for (let i = 0; i < length; i++) token += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return token;
}

export const NATIVE_TOKEN_LENGTH = 16;
export const APP_TOKEN_LENGTH = 32;

/** Tokens are stored as this hash only; a lookup hashes what the client sent and finds the row. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Legacy apps call the API with i = hex(sha256(accessToken + appSecret)). */
export function signAppToken(accessToken: string, appSecret: string): string {
  return createHash('sha256').update(accessToken + appSecret).digest('hex');
}
