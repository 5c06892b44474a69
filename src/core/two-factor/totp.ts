import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { AppContext } from '../../context.js';
import { userProfiles, userSecurityKeys, type UserProfileRow, type UserRow } from '../../db/schema/index.js';
import { usersChanged } from '../cache/caches.js';
import { seal, unseal } from './secret-box.js';

/** Misskey hands out five backup codes. */
export const BACKUP_CODE_COUNT = 5;
/** Codes of the step before and after the current one are accepted too (clock drift of ±30 s). */
const TOTP_WINDOW = 1;

const hashBackupCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

function totpOf(secretBase32: string, label?: string, issuer?: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretBase32), digits: 6, period: 30, algorithm: 'SHA1', label, issuer });
}

export async function loadProfile(ctx: AppContext, userId: string): Promise<UserProfileRow | undefined> {
  const [profile] = await ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, userId));
  return profile;
}

export interface TotpRegistration { qr: string; url: string; secret: string; label: string; issuer: string }

/**
 * `i/2fa/register`: a fresh secret, kept (sealed) as the pending one until `confirmTotp`. The label
 * and issuer are Misskey's: the username and the server's host.
 */
export async function startTotpRegistration(ctx: AppContext, user: Pick<UserRow, 'id' | 'username'>): Promise<TotpRegistration> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const issuer = new URL(ctx.config.url).host;
  const totp = totpOf(secret, user.username, issuer);
  await ctx.db.update(userProfiles).set({ twoFactorTempSecret: seal(ctx.config, secret, user.id) }).where(eq(userProfiles.userId, user.id));
  const url = totp.toString();
  const { default: QRCode } = await import('qrcode');
  return { qr: await QRCode.toDataURL(url), url, secret, label: user.username, issuer };
}

/** The TOTP step `token` belongs to under `secret`, or null when it is no current code. */
function stepOf(secret: string, token: string): number | null {
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret);
  const delta = totp.validate({ token, window: TOTP_WINDOW });
  return delta === null ? null : totp.counter() + delta;
}

/**
 * `i/2fa/done`: the code proves the authenticator holds the pending secret; TOTP is on and the
 * backup codes are returned (once; only their hashes are kept).
 */
export async function confirmTotp(ctx: AppContext, userId: string, token: string): Promise<{ backupCodes: string[] } | { error: 'notStarted' | 'incorrectToken' }> {
  const profile = await loadProfile(ctx, userId);
  const secret = profile?.twoFactorTempSecret ? unseal(ctx.config, profile.twoFactorTempSecret, userId) : null;
  if (!secret) return { error: 'notStarted' };
  const step = stepOf(secret, token.trim());
  if (step === null) return { error: 'incorrectToken' };
  const backupCodes = Array.from({ length: BACKUP_CODE_COUNT }, () => new OTPAuth.Secret({ size: 20 }).base32);
  await ctx.db.update(userProfiles).set({
    twoFactorSecret: seal(ctx.config, secret, userId),
    twoFactorTempSecret: null,
    twoFactorEnabled: true,
    twoFactorBackupSecret: backupCodes.map(hashBackupCode),
    twoFactorLastUsedStep: step,
  }).where(eq(userProfiles.userId, userId));
  usersChanged(ctx, userId);
  return { backupCodes };
}

/**
 * Checks a second factor: a six-digit TOTP code newer than the last one accepted (a code is never
 * accepted twice, nor an older one after a newer), or an unused backup code (which is used up).
 * Both claims are single UPDATEs, so two requests racing with one code cannot both win.
 */
export async function verifySecondFactor(ctx: AppContext, profile: UserProfileRow, token: string): Promise<boolean> {
  const code = token.trim();
  if (!profile.twoFactorEnabled) return false;
  if (/^\d{6}$/.test(code)) {
    const secret = profile.twoFactorSecret ? unseal(ctx.config, profile.twoFactorSecret, profile.userId) : null;
    if (!secret) return false;
    const step = stepOf(secret, code);
    if (step === null) return false;
    const claimed = await ctx.db.update(userProfiles).set({ twoFactorLastUsedStep: step })
      .where(and(eq(userProfiles.userId, profile.userId), or(isNull(userProfiles.twoFactorLastUsedStep), lt(userProfiles.twoFactorLastUsedStep, step))))
      .returning({ userId: userProfiles.userId });
    return claimed.length === 1;
  }
  if (code.length < 16) return false;
  const hash = hashBackupCode(code);
  const used = await ctx.db.update(userProfiles)
    .set({ twoFactorBackupSecret: sql`array_remove(${userProfiles.twoFactorBackupSecret}, ${hash})` })
    .where(and(eq(userProfiles.userId, profile.userId), sql`${hash} = ANY(${userProfiles.twoFactorBackupSecret})`))
    .returning({ userId: userProfiles.userId });
  if (used.length === 1) usersChanged(ctx, profile.userId);
  return used.length === 1;
}

/** `i/2fa/unregister`: TOTP off, with its backup codes; password-less sign-in goes too (as in Misskey). */
export async function disableTotp(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.update(userProfiles).set({
    twoFactorSecret: null, twoFactorTempSecret: null, twoFactorEnabled: false, twoFactorBackupSecret: null,
    twoFactorLastUsedStep: null, usePasswordLessLogin: false,
  }).where(eq(userProfiles.userId, userId));
  usersChanged(ctx, userId);
}

/** Misskey's `twoFactorBackupCodesStock`. */
export function backupCodesStock(profile: Pick<UserProfileRow, 'twoFactorBackupSecret'>): 'full' | 'partial' | 'none' {
  const left = profile.twoFactorBackupSecret?.length ?? 0;
  return left >= BACKUP_CODE_COUNT ? 'full' : left > 0 ? 'partial' : 'none';
}

/** Security keys of accounts, for packing (`securityKeys`, `securityKeysList`). */
export async function securityKeysOf(ctx: AppContext, userIds: string[]): Promise<Map<string, { id: string; name: string; lastUsed: string }[]>> {
  const result = new Map<string, { id: string; name: string; lastUsed: string }[]>();
  if (userIds.length === 0) return result;
  const rows = await ctx.db.select({ id: userSecurityKeys.id, userId: userSecurityKeys.userId, name: userSecurityKeys.name, lastUsed: userSecurityKeys.lastUsed })
    .from(userSecurityKeys).where(inArray(userSecurityKeys.userId, userIds)).orderBy(userSecurityKeys.createdAt);
  for (const row of rows) {
    const list = result.get(row.userId) ?? [];
    list.push({ id: row.id, name: row.name, lastUsed: row.lastUsed.toISOString() });
    result.set(row.userId, list);
  }
  return result;
}

/** A random id usable as a WebAuthn challenge context. */
export const randomContext = () => randomBytes(24).toString('base64url');

/** Tells the account's open clients its security settings changed (Misskey's `meUpdated`, with secrets). */
export async function publishMeUpdated(ctx: AppContext, userId: string): Promise<void> {
  const { findUserById } = await import('../users/read.js');
  const { packMe } = await import('../users/pack.js');
  const { publishMainStream } = await import('../../bus/topics.js');
  const user = await findUserById(ctx, userId);
  if (user) publishMainStream(ctx, userId, 'meUpdated', await packMe(ctx, user, { includeSecrets: true }));
}
