import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { mutings, notifications, type NotificationRow } from '../../db/schema/index.js';
import { muteIsActive } from '../muting/muting.js';
import { paginate, type Page } from '../pagination.js';
import { publishMainStream } from '../../bus/topics.js';
import { queueReadAllPush } from '../push/deliver.js';

export interface NotificationQuery extends Page {
  limit: number;
  includeTypes?: string[];
  excludeTypes?: string[];
}

/** Misskey's rule: a non-empty `includeTypes` wins; otherwise a non-empty `excludeTypes` applies; empty lists filter nothing. */
function typeFilter(query: NotificationQuery) {
  if (query.includeTypes?.length) return inArray(notifications.type, query.includeTypes);
  if (query.excludeTypes?.length) return notInArray(notifications.type, query.excludeTypes);
  return undefined;
}

/**
 * A user's notifications, newest first (Misskey's paging), filtered by type. Notifications from
 * users muted since are hidden at read time, as Misskey does; filtering in SQL keeps pages full.
 */
export async function listNotifications(ctx: AppContext, userId: string, query: NotificationQuery): Promise<NotificationRow[]> {
  const { where, orderBy } = paginate(notifications.id, query);
  return ctx.db.select().from(notifications).where(and(
    eq(notifications.notifieeId, userId),
    typeFilter(query),
    sql`NOT EXISTS (SELECT 1 FROM ${mutings} WHERE ${mutings.muterId} = ${userId} AND ${mutings.muteeId} = ${notifications.notifierId} AND ${muteIsActive})`,
    where,
  )).orderBy(orderBy).limit(query.limit);
}

export async function markAllNotificationsRead(ctx: AppContext, userId: string): Promise<void> {
  const changed = await ctx.db.update(notifications).set({ isRead: true })
    .where(and(eq(notifications.notifieeId, userId), eq(notifications.isRead, false))).returning({ id: notifications.id });
  // Streaming: the user's other clients clear their unread badge.
  if (changed.length > 0) {
    publishMainStream(ctx, userId, 'readAllNotifications');
    await queueReadAllPush(ctx, userId);
  }
}

export async function flushNotifications(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.delete(notifications).where(eq(notifications.notifieeId, userId));
  publishMainStream(ctx, userId, 'notificationFlushed');
}

/** Unread notifications of a user, for `i` (the partial index makes this cheap). */
export async function countUnreadNotifications(ctx: AppContext, userId: string): Promise<number> {
  const [row] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(notifications)
    .where(and(eq(notifications.notifieeId, userId), eq(notifications.isRead, false)));
  return row?.count ?? 0;
}
