import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { swSubscriptions, type SwSubscriptionRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';

/**
 * Web Push subscriptions (sw/*): one per user and push endpoint (a browser profile). Registering an
 * endpoint again with the same keys answers `already-subscribed` and changes nothing, as Misskey
 * does; with new keys (the browser renewed its subscription) the keys are replaced.
 */
export interface PushRegistration {
  state?: 'already-subscribed' | 'subscribed';
  key: string | null;
  userId: string;
  endpoint: string;
  sendReadMessage: boolean;
}

export function packRegistration(row: SwSubscriptionRow): { userId: string; endpoint: string; sendReadMessage: boolean } {
  return { userId: row.userId, endpoint: row.endpoint, sendReadMessage: row.sendReadMessage };
}

export async function registerPushSubscription(ctx: AppContext, userId: string, input: { endpoint: string; auth: string; publickey: string; sendReadMessage?: boolean }): Promise<PushRegistration> {
  const key = ctx.meta.get().swPublicKey;
  const [existing] = await ctx.db.select().from(swSubscriptions)
    .where(and(eq(swSubscriptions.userId, userId), eq(swSubscriptions.endpoint, input.endpoint)));
  if (existing && existing.auth === input.auth && existing.publickey === input.publickey) {
    return { state: 'already-subscribed', key, ...packRegistration(existing) };
  }
  const [row] = await ctx.db.insert(swSubscriptions).values({
    id: genId(), userId, endpoint: input.endpoint, auth: input.auth, publickey: input.publickey, sendReadMessage: input.sendReadMessage ?? false,
  }).onConflictDoUpdate({
    target: [swSubscriptions.userId, swSubscriptions.endpoint],
    set: { auth: input.auth, publickey: input.publickey, sendReadMessage: input.sendReadMessage ?? false },
  }).returning();
  return { state: 'subscribed', key, ...packRegistration(row) };
}

export async function findPushSubscription(ctx: AppContext, userId: string, endpoint: string): Promise<SwSubscriptionRow | null> {
  const [row] = await ctx.db.select().from(swSubscriptions)
    .where(and(eq(swSubscriptions.userId, userId), eq(swSubscriptions.endpoint, endpoint)));
  return row ?? null;
}

/** Null when the user has no subscription with this endpoint. */
export async function updatePushSubscription(ctx: AppContext, userId: string, endpoint: string, patch: { sendReadMessage?: boolean }): Promise<SwSubscriptionRow | null> {
  if (patch.sendReadMessage === undefined) return findPushSubscription(ctx, userId, endpoint);
  const [row] = await ctx.db.update(swSubscriptions).set({ sendReadMessage: patch.sendReadMessage })
    .where(and(eq(swSubscriptions.userId, userId), eq(swSubscriptions.endpoint, endpoint))).returning();
  return row ?? null;
}

/**
 * sw/unregister needs no credential (a browser drops its subscription after its session ended):
 * signed in, only the caller's subscription with this endpoint goes; anonymous, every one with it,
 * as Misskey does (the endpoint URL is the browser's secret).
 */
export async function unregisterPushSubscription(ctx: AppContext, userId: string | null, endpoint: string): Promise<void> {
  await ctx.db.delete(swSubscriptions).where(and(eq(swSubscriptions.endpoint, endpoint), userId ? eq(swSubscriptions.userId, userId) : undefined));
}
