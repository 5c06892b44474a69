import { and, arrayOverlaps, asc, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { systemWebhooks, type SystemWebhookEvent, type SystemWebhookRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { recordModerationAction } from '../moderation/log.js';
import { packUserLite } from '../users/pack.js';
import type { UserRow } from '../../db/schema/index.js';
import { enqueueSystemWebhookDeliveries } from './deliver.js';

/** misskey-js `SystemWebhook`. */
export interface PackedSystemWebhook {
  id: string;
  isActive: boolean;
  updatedAt: string;
  latestSentAt: string | null;
  latestStatus: number | null;
  name: string;
  on: SystemWebhookEvent[];
  url: string;
  secret: string;
}

export function packSystemWebhook(row: SystemWebhookRow): PackedSystemWebhook {
  return {
    id: row.id,
    isActive: row.isActive,
    updatedAt: row.updatedAt.toISOString(),
    latestSentAt: row.latestSentAt?.toISOString() ?? null,
    latestStatus: row.latestStatus,
    name: row.name,
    on: row.on,
    url: row.url,
    secret: row.secret,
  };
}

export interface SystemWebhookInput {
  isActive: boolean;
  name: string;
  /** Unknown names (the fork's `reportAutoResolved`) are dropped. */
  on: string[];
  url: string;
  secret: string;
}

/** The fork's event list has `reportAutoResolved` (its auto-resolvers); Mikan has none, so it is dropped, as misskey-js lists the others only. */
export function knownEvents(on: readonly string[]): SystemWebhookEvent[] {
  const known: readonly string[] = ['abuseReport', 'abuseReportResolved', 'userCreated', 'inactiveModeratorsWarning', 'inactiveModeratorsInvitationOnlyChanged'];
  return [...new Set(on.filter((event) => known.includes(event)))] as SystemWebhookEvent[];
}

export async function createSystemWebhook(ctx: AppContext, moderatorId: string, input: SystemWebhookInput): Promise<SystemWebhookRow> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(systemWebhooks).values({ id: genId(), ...input, on: knownEvents(input.on), updatedAt: new Date() }).returning();
    await recordModerationAction(tx, { moderatorId, type: 'createSystemWebhook', info: { systemWebhookId: row!.id, webhook: packSystemWebhook(row!) } });
    return row!;
  });
}

/** Null when there is no such webhook. */
export async function updateSystemWebhook(ctx: AppContext, moderatorId: string, id: string, input: SystemWebhookInput): Promise<SystemWebhookRow | null> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(systemWebhooks).where(eq(systemWebhooks.id, id)).for('update');
    if (!before) return null;
    const [after] = await tx.update(systemWebhooks).set({ ...input, on: knownEvents(input.on), updatedAt: new Date() }).where(eq(systemWebhooks.id, id)).returning();
    await recordModerationAction(tx, { moderatorId, type: 'updateSystemWebhook', info: { systemWebhookId: id, before: packSystemWebhook(before), after: packSystemWebhook(after!) } });
    return after!;
  });
}

/** False when there is no such webhook. Recipients that named it go with it (cascade). */
export async function deleteSystemWebhook(ctx: AppContext, moderatorId: string, id: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(systemWebhooks).where(eq(systemWebhooks.id, id)).returning();
    if (!row) return false;
    await recordModerationAction(tx, { moderatorId, type: 'deleteSystemWebhook', info: { systemWebhookId: id, webhook: packSystemWebhook(row) } });
    return true;
  });
}

export async function findSystemWebhook(ctx: AppContext, id: string): Promise<SystemWebhookRow | null> {
  const [row] = await ctx.db.select().from(systemWebhooks).where(eq(systemWebhooks.id, id));
  return row ?? null;
}

/** Oldest first; `isActive` and `on` (any of the events) narrow the list, as Misskey. */
export async function listSystemWebhooks(ctx: AppContext, filter: { isActive?: boolean; on?: string[] }): Promise<SystemWebhookRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.isActive !== undefined) conditions.push(eq(systemWebhooks.isActive, filter.isActive));
  if (filter.on && filter.on.length > 0) conditions.push(arrayOverlaps(systemWebhooks.on, knownEvents(filter.on)));
  return ctx.db.select().from(systemWebhooks).where(and(...conditions)).orderBy(asc(systemWebhooks.id));
}

/** Made-up content for `admin/system-webhook/test`, in each event's real shape. */
function dummyContent(ctx: AppContext, moderator: UserRow, type: SystemWebhookEvent): unknown {
  const user = packUserLite(ctx, moderator);
  const now = new Date().toISOString();
  switch (type) {
    case 'abuseReport': case 'abuseReportResolved':
      return {
        id: genId(), targetUserId: user.id, targetUser: user, targetUserHost: null, reporterId: user.id, reporter: user,
        reporterHost: null, assigneeId: null, assignee: null, resolved: type === 'abuseReportResolved', forwarded: false,
        comment: 'This is a dummy report for testing.', moderationNote: '', createdAt: now,
        ...(type === 'abuseReportResolved' ? { resolvedAs: 'accept' } : {}),
      };
    case 'userCreated':
      return user;
    case 'inactiveModeratorsWarning':
      return { remainingTime: { time: 6 * 24 * 60 * 60 * 1000, asDays: 6, asHours: 144 } };
    case 'inactiveModeratorsInvitationOnlyChanged':
      return {};
  }
}

/**
 * `admin/system-webhook/test`: one made-up event of `type` through the real delivery (job, SSRF
 * guard), whether or not the webhook is active or subscribes to it, to `override`'s URL/secret if given.
 */
export async function sendTestSystemWebhook(ctx: AppContext, moderator: UserRow, webhook: SystemWebhookRow, type: SystemWebhookEvent, override: { url?: string; secret?: string } = {}): Promise<void> {
  await enqueueSystemWebhookDeliveries(ctx, [{ id: webhook.id, url: override.url ?? webhook.url, secret: override.secret ?? webhook.secret }], type, dummyContent(ctx, moderator, type));
}
