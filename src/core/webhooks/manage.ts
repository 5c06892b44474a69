import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userWebhooks, USER_WEBHOOK_EVENTS, type UserWebhookEvent, type UserWebhookRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { UserWebhook } from './schema.js';
import { policiesOf } from '../roles/policies.js';

export function packUserWebhook(row: UserWebhookRow): UserWebhook {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    on: row.on,
    url: row.url,
    secret: row.secret,
    active: row.active,
    latestSentAt: row.latestSentAt?.toISOString() ?? null,
    latestStatus: row.latestStatus,
  };
}

/** The events, or null when one is outside the user webhook set (the fork's report events, for moderators' system webhooks). */
export function userEventsOf(on: readonly string[]): UserWebhookEvent[] | null {
  return on.every((event) => (USER_WEBHOOK_EVENTS as readonly string[]).includes(event)) ? on as UserWebhookEvent[] : null;
}

export function uniqueEvents(on: readonly UserWebhookEvent[]): UserWebhookEvent[] {
  return [...new Set(on)];
}

export async function findUserWebhook(ctx: AppContext, userId: string, webhookId: string): Promise<UserWebhookRow | null> {
  const [row] = await ctx.db.select().from(userWebhooks).where(and(eq(userWebhooks.id, webhookId), eq(userWebhooks.userId, userId)));
  return row ?? null;
}

export async function listUserWebhooks(ctx: AppContext, userId: string): Promise<UserWebhookRow[]> {
  return ctx.db.select().from(userWebhooks).where(eq(userWebhooks.userId, userId)).orderBy(asc(userWebhooks.id));
}

async function countUserWebhooks(ctx: AppContext, userId: string): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(userWebhooks).where(eq(userWebhooks.userId, userId));
  return row?.n ?? 0;
}

/**
 * A new webhook, up to the `webhookLimit` role policy. The count and the insert run in one
 * transaction under a per-user advisory lock, so two concurrent creations cannot pass the limit.
 */
export async function createUserWebhook(ctx: AppContext, userId: string, input: { name: string; url: string; secret: string; on: UserWebhookEvent[] }): Promise<UserWebhookRow | 'tooManyWebhooks'> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`webhooks:${userId}`}, 0))`);
    const [{ n }] = await tx.select({ n: count() }).from(userWebhooks).where(eq(userWebhooks.userId, userId));
    if (n >= (await policiesOf(ctx, userId)).webhookLimit) return 'tooManyWebhooks';
    const [row] = await tx.insert(userWebhooks).values({ id: genId(), userId, name: input.name, url: input.url, secret: input.secret, on: uniqueEvents(input.on) }).returning();
    return row;
  });
}

export interface WebhookChange { name?: string; url?: string; secret?: string | null; on?: UserWebhookEvent[]; active?: boolean }

/**
 * Changes a webhook. A user who has more webhooks than the policy now allows (the limit was lowered)
 * can still delete them but not change them (`webhookLimitExceeded`), as the fork does.
 */
export async function updateUserWebhook(ctx: AppContext, userId: string, webhookId: string, change: WebhookChange): Promise<'noSuchWebhook' | 'webhookLimitExceeded' | null> {
  const webhook = await findUserWebhook(ctx, userId, webhookId);
  if (!webhook) return 'noSuchWebhook';
  if (await countUserWebhooks(ctx, userId) > (await policiesOf(ctx, userId)).webhookLimit) return 'webhookLimitExceeded';
  const set: Partial<UserWebhookRow> = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.url !== undefined) set.url = change.url;
  // Misskey: a null secret leaves it as it is; '' clears it.
  if (change.secret != null) set.secret = change.secret;
  if (change.on !== undefined) set.on = uniqueEvents(change.on);
  if (change.active !== undefined) set.active = change.active;
  if (Object.keys(set).length > 0) await ctx.db.update(userWebhooks).set(set).where(eq(userWebhooks.id, webhookId));
  return null;
}

export async function deleteUserWebhook(ctx: AppContext, userId: string, webhookId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(userWebhooks).where(and(eq(userWebhooks.id, webhookId), eq(userWebhooks.userId, userId))).returning({ id: userWebhooks.id });
  return deleted.length > 0;
}
