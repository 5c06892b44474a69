import { and, eq, sql } from 'drizzle-orm';
import type {
  AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { userProfiles, userSecurityKeys, type UserRow, type UserSecurityKeyRow } from '../../db/schema/index.js';
import { usersChanged } from '../cache/caches.js';

/** @simplewebauthn/server and its ASN.1 stack (~25 MiB) load with the first security-key ceremony. */
const webauthnLibrary = () => import('@simplewebauthn/server');

/** How long a challenge may be answered (Misskey: 90 s). Each challenge is answered at most once. */
const CHALLENGE_TTL_MS = 90_000;

/** The relying party: the host name of the server's URL (no port), and its origin. */
export function relyingParty(ctx: AppContext): { rpID: string; origin: string; rpName: string } {
  const url = new URL(ctx.config.url);
  return { rpID: url.hostname, origin: url.origin, rpName: ctx.meta.get().name || url.hostname };
}

const challengeKey = (kind: 'register' | 'auth' | 'passkey', id: string) => `webauthn:${kind}:${id}`;

async function takeChallenge(ctx: AppContext, key: string): Promise<string | null> {
  const challenge = await ctx.cache.get(key);
  if (challenge !== null) await ctx.cache.delete(key);
  return challenge;
}

async function keysOf(ctx: AppContext, userId: string): Promise<UserSecurityKeyRow[]> {
  return ctx.db.select().from(userSecurityKeys).where(eq(userSecurityKeys.userId, userId));
}

/** `i/2fa/register-key`: creation options for a discoverable credential (a passkey), Misskey's choices. */
export async function registrationOptions(ctx: AppContext, user: Pick<UserRow, 'id' | 'username'> & { name?: string | null }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID, rpName } = relyingParty(ctx);
  const keys = await keysOf(ctx, user.id);
  const options = await (await webauthnLibrary()).generateRegistrationOptions({
    rpName, rpID,
    userID: new TextEncoder().encode(user.id),
    userName: user.username,
    userDisplayName: user.name ?? undefined,
    attestationType: 'none',
    excludeCredentials: keys.map((key) => ({ id: key.id, transports: key.transports ?? undefined })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await ctx.cache.set(challengeKey('register', user.id), options.challenge, CHALLENGE_TTL_MS);
  return options;
}

export type KeyError = 'noChallenge' | 'verificationFailed' | 'duplicateKey';

/** `i/2fa/key-done`: checks the authenticator's answer to the pending challenge and keeps the key. */
export async function registerKey(ctx: AppContext, userId: string, name: string, credential: unknown): Promise<{ id: string; name: string } | { error: KeyError }> {
  const expectedChallenge = await takeChallenge(ctx, challengeKey('register', userId));
  if (!expectedChallenge) return { error: 'noChallenge' };
  const { rpID, origin } = relyingParty(ctx);
  let verification;
  try {
    verification = await (await webauthnLibrary()).verifyRegistrationResponse({
      response: credential as RegistrationResponseJSON, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
    });
  } catch {
    return { error: 'verificationFailed' };
  }
  if (!verification.verified) return { error: 'verificationFailed' };
  const { credential: registered } = verification.registrationInfo;
  const inserted = await ctx.db.insert(userSecurityKeys).values({
    id: registered.id, userId, name,
    publicKey: Buffer.from(registered.publicKey).toString('base64url'),
    counter: registered.counter,
    transports: registered.transports ?? null,
  }).onConflictDoNothing().returning({ id: userSecurityKeys.id });
  if (inserted.length === 0) return { error: 'duplicateKey' };
  usersChanged(ctx, userId);
  return { id: registered.id, name };
}

/** Sign-in with a security key after the password: request options for the account's keys. */
export async function authenticationOptions(ctx: AppContext, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty(ctx);
  const keys = await keysOf(ctx, userId);
  const options = await (await webauthnLibrary()).generateAuthenticationOptions({
    rpID, userVerification: 'preferred',
    allowCredentials: keys.map((key) => ({ id: key.id, transports: key.transports ?? undefined })),
  });
  await ctx.cache.set(challengeKey('auth', userId), options.challenge, CHALLENGE_TTL_MS);
  return options;
}

/** Password-less sign-in: options with no allowed list (the authenticator offers its passkeys), under a fresh context. */
export async function passkeyOptions(ctx: AppContext, context: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty(ctx);
  const options = await (await webauthnLibrary()).generateAuthenticationOptions({ rpID, userVerification: 'preferred', allowCredentials: [] });
  await ctx.cache.set(challengeKey('passkey', context), options.challenge, CHALLENGE_TTL_MS);
  return options;
}

export type AssertionError = 'noChallenge' | 'unknownKey' | 'verificationFailed';

async function verifyAssertion(ctx: AppContext, expectedChallenge: string, credential: unknown, userId: string | null): Promise<{ userId: string } | { error: AssertionError }> {
  const response = credential as AuthenticationResponseJSON;
  if (typeof response?.id !== 'string') return { error: 'verificationFailed' };
  const [key] = await ctx.db.select().from(userSecurityKeys)
    .where(userId ? and(eq(userSecurityKeys.id, response.id), eq(userSecurityKeys.userId, userId)) : eq(userSecurityKeys.id, response.id));
  if (!key) return { error: 'unknownKey' };
  const { rpID, origin } = relyingParty(ctx);
  let verification;
  try {
    verification = await (await webauthnLibrary()).verifyAuthenticationResponse({
      response, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
      credential: { id: key.id, publicKey: Buffer.from(key.publicKey, 'base64url'), counter: Number(key.counter), transports: key.transports ?? undefined },
    });
  } catch {
    return { error: 'verificationFailed' };
  }
  if (!verification.verified) return { error: 'verificationFailed' };
  // A counter that does not grow (when the authenticator keeps one) means a cloned authenticator: simplewebauthn refuses it above.
  await ctx.db.update(userSecurityKeys).set({ counter: verification.authenticationInfo.newCounter, lastUsed: new Date() }).where(eq(userSecurityKeys.id, key.id));
  return { userId: key.userId };
}

/** Second factor with a security key in signin-flow. */
export async function verifyKeyAssertion(ctx: AppContext, userId: string, credential: unknown): Promise<{ userId: string } | { error: AssertionError }> {
  const challenge = await takeChallenge(ctx, challengeKey('auth', userId));
  if (!challenge) return { error: 'noChallenge' };
  return verifyAssertion(ctx, challenge, credential, userId);
}

/** Password-less sign-in: whose passkey answered the context's challenge. */
export async function verifyPasskeyAssertion(ctx: AppContext, context: string, credential: unknown): Promise<{ userId: string } | { error: AssertionError }> {
  const challenge = await takeChallenge(ctx, challengeKey('passkey', context));
  if (!challenge) return { error: 'noChallenge' };
  return verifyAssertion(ctx, challenge, credential, null);
}

export async function countKeys(ctx: AppContext, userId: string): Promise<number> {
  const [row] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(userSecurityKeys).where(eq(userSecurityKeys.userId, userId));
  return row?.count ?? 0;
}

/** `i/2fa/update-key`. */
export async function renameKey(ctx: AppContext, userId: string, credentialId: string, name: string): Promise<{ id: string; name: string } | { error: 'noSuchKey' | 'accessDenied' }> {
  const [key] = await ctx.db.select({ userId: userSecurityKeys.userId }).from(userSecurityKeys).where(eq(userSecurityKeys.id, credentialId));
  if (!key) return { error: 'noSuchKey' };
  if (key.userId !== userId) return { error: 'accessDenied' };
  await ctx.db.update(userSecurityKeys).set({ name }).where(eq(userSecurityKeys.id, credentialId));
  usersChanged(ctx, userId);
  return { id: credentialId, name };
}

/** `i/2fa/remove-key`: someone else's or an unknown key is left alone; without keys, password-less sign-in is off. */
export async function removeKey(ctx: AppContext, userId: string, credentialId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(userSecurityKeys).where(and(eq(userSecurityKeys.id, credentialId), eq(userSecurityKeys.userId, userId)));
    const [left] = await tx.select({ count: sql<number>`count(*)::int` }).from(userSecurityKeys).where(eq(userSecurityKeys.userId, userId));
    if ((left?.count ?? 0) === 0) await tx.update(userProfiles).set({ usePasswordLessLogin: false }).where(eq(userProfiles.userId, userId));
  });
  usersChanged(ctx, userId);
}

/** Whether a register-key challenge (issued only after the password and a second factor) is still open. */
export async function hasPendingRegistration(ctx: AppContext, userId: string): Promise<boolean> {
  return await ctx.cache.get(challengeKey('register', userId)) !== null;
}
