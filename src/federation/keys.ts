import { eq } from 'drizzle-orm';
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { userKeypairs } from '../db/schema/index.js';

export interface UserKeys {
  rsa: CryptoKeyPair;
  ed25519: CryptoKeyPair;
}

const cache = new WeakMap<AppContext, Map<string, Promise<UserKeys>>>();

async function load(ctx: AppContext, userId: string): Promise<UserKeys> {
  let [row] = await ctx.db.select().from(userKeypairs).where(eq(userKeypairs.userId, userId));
  if (!row) {
    const [rsa, ed] = await Promise.all([generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), generateCryptoKeyPair('Ed25519')]);
    // Two requests racing for a new user's keys: the first insert wins and both read it back.
    await ctx.db.insert(userKeypairs).values({
      userId,
      rsaPublic: await exportJwk(rsa.publicKey),
      rsaPrivate: await exportJwk(rsa.privateKey),
      ed25519Public: await exportJwk(ed.publicKey),
      ed25519Private: await exportJwk(ed.privateKey),
    }).onConflictDoNothing();
    [row] = await ctx.db.select().from(userKeypairs).where(eq(userKeypairs.userId, userId));
  }
  return {
    rsa: { publicKey: await importJwk(row.rsaPublic, 'public'), privateKey: await importJwk(row.rsaPrivate, 'private') },
    ed25519: { publicKey: await importJwk(row.ed25519Public, 'public'), privateKey: await importJwk(row.ed25519Private, 'private') },
  };
}

/** A local user's key pairs, generated once and stored (user_keypairs), kept in process afterwards. */
export function keysOf(ctx: AppContext, userId: string): Promise<UserKeys> {
  let perCtx = cache.get(ctx);
  if (!perCtx) cache.set(ctx, perCtx = new Map());
  let keys = perCtx.get(userId);
  if (!keys) {
    keys = load(ctx, userId);
    perCtx.set(userId, keys);
    keys.catch(() => perCtx.delete(userId));
    // Bounded: keys are small, but a process should not keep every user's forever.
    if (perCtx.size > 10_000) perCtx.delete(perCtx.keys().next().value!);
  }
  return keys;
}
