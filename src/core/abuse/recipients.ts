import { emailEnabled } from '../email/transport.js';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { abuseReportNotificationRecipients, systemWebhooks, userProfiles, type AbuseReportNotificationRecipientRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { recordModerationAction } from '../moderation/log.js';
import { packSystemWebhook, type PackedSystemWebhook } from '../system-webhooks/manage.js';
import { packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import type { UserLite } from '../users/schema.js';

/** misskey-js `AbuseReportNotificationRecipient`. */
export interface PackedRecipient {
  id: string;
  isActive: boolean;
  updatedAt: string;
  name: string;
  method: 'email' | 'webhook';
  userId?: string;
  user?: UserLite;
  systemWebhookId?: string;
  systemWebhook?: PackedSystemWebhook;
}

export interface RecipientInput {
  isActive: boolean;
  name: string;
  method: 'email' | 'webhook';
  userId?: string;
  systemWebhookId?: string;
}

/** Why a recipient cannot be stored: Misskey's correlation checks (`emailUnavailable`: mail is not configured). */
export type RecipientRefusal = 'correlationCheckEmail' | 'emailAddressNotSet' | 'correlationCheckWebhook' | 'emailUnavailable';

/**
 * Misskey's checks: an e-mail recipient names an account with a verified address; a webhook
 * recipient names a system webhook (Mikan: one that exists). An e-mail recipient is refused while
 * the server cannot send mail (core/email), rather than stored and never used.
 */
async function check(ctx: AppContext, input: RecipientInput): Promise<RecipientRefusal | null> {
  if (input.method === 'email') {
    const [profile] = input.userId ? await ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, input.userId)) : [];
    if (!profile) return 'correlationCheckEmail';
    if (!profile.email || !profile.emailVerified) return 'emailAddressNotSet';
    return emailEnabled(ctx.meta.get()) ? null : 'emailUnavailable';
  }
  if (!input.systemWebhookId) return 'correlationCheckWebhook';
  const [webhook] = await ctx.db.select({ id: systemWebhooks.id }).from(systemWebhooks).where(eq(systemWebhooks.id, input.systemWebhookId));
  return webhook ? null : 'correlationCheckWebhook';
}

export async function packRecipients(ctx: AppContext, rows: readonly AbuseReportNotificationRecipientRow[]): Promise<PackedRecipient[]> {
  const userIds = rows.flatMap((row) => (row.userId ? [row.userId] : []));
  const webhookIds = rows.flatMap((row) => (row.systemWebhookId ? [row.systemWebhookId] : []));
  const [users, webhooks] = await Promise.all([
    findUsersByIds(ctx, userIds),
    webhookIds.length ? ctx.db.select().from(systemWebhooks).where(inArray(systemWebhooks.id, webhookIds)) : [],
  ]);
  const userById = new Map(users.map((user) => [user.id, packUserLite(ctx, user)]));
  const webhookById = new Map(webhooks.map((webhook) => [webhook.id, packSystemWebhook(webhook)]));
  return rows.map((row) => ({
    id: row.id,
    isActive: row.isActive,
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    method: row.method,
    ...(row.userId ? { userId: row.userId, ...(userById.has(row.userId) ? { user: userById.get(row.userId)! } : {}) } : {}),
    ...(row.systemWebhookId ? { systemWebhookId: row.systemWebhookId, ...(webhookById.has(row.systemWebhookId) ? { systemWebhook: webhookById.get(row.systemWebhookId)! } : {}) } : {}),
  }));
}

const columnsOf = (input: RecipientInput) => ({
  isActive: input.isActive,
  name: input.name,
  method: input.method,
  userId: input.method === 'email' ? input.userId ?? null : null,
  systemWebhookId: input.method === 'webhook' ? input.systemWebhookId ?? null : null,
  updatedAt: new Date(),
});

export async function createRecipient(ctx: AppContext, moderatorId: string, input: RecipientInput): Promise<PackedRecipient | RecipientRefusal> {
  const refusal = await check(ctx, input);
  if (refusal) return refusal;
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(abuseReportNotificationRecipients).values({ id: genId(), ...columnsOf(input) }).returning();
    const [packed] = await packRecipients(ctx, [created!]);
    await recordModerationAction(tx, { moderatorId, type: 'createAbuseReportNotificationRecipient', info: { recipientId: created!.id, recipient: packed } });
    return created!;
  });
  return (await packRecipients(ctx, [row]))[0]!;
}

/** Null when there is no such recipient. */
export async function updateRecipient(ctx: AppContext, moderatorId: string, id: string, input: RecipientInput): Promise<PackedRecipient | RecipientRefusal | null> {
  const before = await findRecipient(ctx, id);
  if (!before) return null;
  const refusal = await check(ctx, input);
  if (refusal) return refusal;
  const after = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(abuseReportNotificationRecipients).set(columnsOf(input)).where(eq(abuseReportNotificationRecipients.id, id)).returning();
    const [packedBefore, packedAfter] = await packRecipients(ctx, [before, updated!]);
    await recordModerationAction(tx, { moderatorId, type: 'updateAbuseReportNotificationRecipient', info: { recipientId: id, before: packedBefore, after: packedAfter } });
    return updated!;
  });
  return (await packRecipients(ctx, [after]))[0]!;
}

/** False when there is no such recipient. */
export async function deleteRecipient(ctx: AppContext, moderatorId: string, id: string): Promise<boolean> {
  const row = await findRecipient(ctx, id);
  if (!row) return false;
  const [packed] = await packRecipients(ctx, [row]);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(abuseReportNotificationRecipients).where(eq(abuseReportNotificationRecipients.id, id));
    await recordModerationAction(tx, { moderatorId, type: 'deleteAbuseReportNotificationRecipient', info: { recipientId: id, recipient: packed } });
  });
  return true;
}

export async function findRecipient(ctx: AppContext, id: string): Promise<AbuseReportNotificationRecipientRow | null> {
  const [row] = await ctx.db.select().from(abuseReportNotificationRecipients).where(eq(abuseReportNotificationRecipients.id, id));
  return row ?? null;
}

export async function listRecipients(ctx: AppContext, methods?: ('email' | 'webhook')[]): Promise<AbuseReportNotificationRecipientRow[]> {
  return ctx.db.select().from(abuseReportNotificationRecipients)
    .where(methods && methods.length > 0 ? inArray(abuseReportNotificationRecipients.method, methods) : undefined)
    .orderBy(asc(abuseReportNotificationRecipients.id));
}

/** The system webhooks active webhook recipients name: where abuse report events go (Misskey). */
export async function reportWebhookIds(executor: Executor): Promise<string[]> {
  const rows = await executor.select({ id: abuseReportNotificationRecipients.systemWebhookId }).from(abuseReportNotificationRecipients)
    .where(and(eq(abuseReportNotificationRecipients.isActive, true), eq(abuseReportNotificationRecipients.method, 'webhook'), isNotNull(abuseReportNotificationRecipients.systemWebhookId)));
  return [...new Set(rows.map((row) => row.id!))];
}

/** The users active e-mail recipients name: they get each new report by mail (core/email/notifications.ts). */
export async function reportEmailUserIds(executor: Executor): Promise<string[]> {
  const rows = await executor.select({ id: abuseReportNotificationRecipients.userId }).from(abuseReportNotificationRecipients)
    .where(and(eq(abuseReportNotificationRecipients.isActive, true), eq(abuseReportNotificationRecipients.method, 'email'), isNotNull(abuseReportNotificationRecipients.userId)));
  return [...new Set(rows.map((row) => row.id!))];
}
