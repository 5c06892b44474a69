import { and, eq, inArray, isNotNull, isNull, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { abuseUserReports, users, type UserRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { recordModerationAction } from '../moderation/log.js';
import { emitSystemWebhookEvent } from '../system-webhooks/deliver.js';
import { reportEmailUserIds, reportWebhookIds } from './recipients.js';
import { mailAbuseReport } from '../email/notifications.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { paginate, type Page } from '../pagination.js';
import { packUserDetailed, packUserLite } from '../users/pack.js';
import { findUsersByIds, findUsersByIdsIncludingDeleted } from '../users/read.js';
import type { UserDetailedNotMe } from '../users/schema.js';
import { publishAdminStream } from '../../streaming/events.js';

export type AbuseReportRow = typeof abuseUserReports.$inferSelect;

function acct(user: { username: string; host: string | null }): string {
  return `@${user.username}${user.host ? `@${user.host}` : ''}`;
}

/** Stores a report for the moderators; system webhooks named by active recipients hear of it (`abuseReport`). */
export async function reportAbuse(ctx: AppContext, reporter: AuthUser, target: UserRow, comment: string): Promise<AbuseReportRow> {
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(abuseUserReports).values({
      id: genId(), targetUserId: target.id, targetUserHost: target.host, reporterId: reporter.id, reporterHost: reporter.host, comment,
    }).returning();
    await notifyReportWebhooks(ctx, tx, 'abuseReport', inserted!);
    // Recipients of method `email` get the report by mail, queued with it.
    await mailAbuseReport(ctx, tx, { id: inserted!.id, comment, reporter: acct(reporter), target: acct(target) }, await reportEmailUserIds(tx));
    return inserted!;
  });
  // Moderators watching the `admin` channel see it at once.
  publishAdminStream(ctx, 'newAbuseUserReport', { id: row.id, targetUserId: row.targetUserId, reporterId: row.reporterId, comment: row.comment });
  return row;
}

/**
 * Misskey's webhook payload for a report: the row's fields with the users as UserLite. Sent to the
 * active system webhooks that subscribe to the event and that an active recipient names.
 */
async function notifyReportWebhooks(ctx: AppContext, tx: Executor, type: 'abuseReport' | 'abuseReportResolved', row: AbuseReportRow): Promise<void> {
  const among = await reportWebhookIds(tx);
  if (among.length === 0) return;
  const ids = [row.reporterId, row.targetUserId, ...(row.assigneeId ? [row.assigneeId] : [])];
  const found = new Map((await tx.select().from(users).where(inArray(users.id, ids))).map((user) => [user.id, packUserLite(ctx, user)]));
  await emitSystemWebhookEvent(ctx, type, {
    ...reportForLog(row),
    reporter: found.get(row.reporterId) ?? null,
    targetUser: found.get(row.targetUserId) ?? null,
    assignee: row.assigneeId ? found.get(row.assigneeId) ?? null : null,
  }, { executor: tx, among });
}

/** The stored report as Misskey logs it (its entity's fields). */
function reportForLog(row: AbuseReportRow): Record<string, unknown> {
  return {
    id: row.id, createdAt: row.createdAt.toISOString(), targetUserId: row.targetUserId, targetUserHost: row.targetUserHost,
    reporterId: row.reporterId, reporterHost: row.reporterHost, assigneeId: row.assigneeId, resolved: row.resolved,
    forwarded: row.forwarded, comment: row.comment, moderationNote: row.moderationNote, resolvedAs: row.resolvedAs,
  };
}

export async function findAbuseReport(ctx: AppContext, reportId: string): Promise<AbuseReportRow | null> {
  const [row] = await ctx.db.select().from(abuseUserReports).where(eq(abuseUserReports.id, reportId));
  return row ?? null;
}

/**
 * Resolves a report as the moderator: resolved, assigned to them, `resolvedAs` kept; with `forward`
 * and a remote target it is also marked forwarded (sent when federation exists). Logged, and the
 * `abuseReportResolved` event goes to the recipients' webhooks. Null when there is no such report.
 */
export async function resolveAbuseReport(ctx: AppContext, moderatorId: string, reportId: string, resolution: { resolvedAs: 'accept' | 'reject' | null; forward: boolean }): Promise<AbuseReportRow | null> {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(abuseUserReports).where(eq(abuseUserReports.id, reportId)).for('update');
    if (!report) return null;
    const forwarded = report.forwarded || (resolution.forward && report.targetUserHost != null);
    const [resolved] = await tx.update(abuseUserReports)
      .set({ resolved: true, assigneeId: moderatorId, resolvedAs: resolution.resolvedAs, forwarded })
      .where(eq(abuseUserReports.id, reportId)).returning();
    await recordModerationAction(tx, {
      moderatorId, type: 'resolveAbuseReport',
      info: { reportId, report: reportForLog(resolved!), forwarded, resolvedAs: resolution.resolvedAs },
    });
    await notifyReportWebhooks(ctx, tx, 'abuseReportResolved', resolved!);
    return resolved!;
  });
}

export type ForwardRefusal = 'localTarget' | 'alreadyForwarded';

/**
 * Marks a report about a remote account forwarded to its server, logged (Misskey sends a Flag
 * activity; Mikan records it and sends it once federation exists). Null: no such report.
 */
export async function forwardAbuseReport(ctx: AppContext, moderatorId: string, reportId: string): Promise<AbuseReportRow | ForwardRefusal | null> {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(abuseUserReports).where(eq(abuseUserReports.id, reportId)).for('update');
    if (!report) return null;
    if (report.targetUserHost == null) return 'localTarget';
    if (report.forwarded) return 'alreadyForwarded';
    const [forwarded] = await tx.update(abuseUserReports).set({ forwarded: true, assigneeId: moderatorId }).where(eq(abuseUserReports.id, reportId)).returning();
    await recordModerationAction(tx, { moderatorId, type: 'forwardAbuseReport', info: { reportId, report: reportForLog(forwarded!) } });
    return forwarded!;
  });
}

/** The moderators' note on a report; logged with before and after. Null: no such report. */
export async function updateAbuseReportNote(ctx: AppContext, moderatorId: string, reportId: string, moderationNote: string | undefined): Promise<AbuseReportRow | null> {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(abuseUserReports).where(eq(abuseUserReports.id, reportId)).for('update');
    if (!report) return null;
    if (moderationNote === undefined || moderationNote === report.moderationNote) return report;
    const [updated] = await tx.update(abuseUserReports).set({ moderationNote }).where(eq(abuseUserReports.id, reportId)).returning();
    await recordModerationAction(tx, {
      moderatorId, type: 'updateAbuseReportNote',
      info: { reportId, report: reportForLog(updated!), before: report.moderationNote, after: moderationNote },
    });
    return updated!;
  });
}

type Origin = 'local' | 'remote' | 'combined';
const hostIs = (column: AnyColumn, origin: Origin): SQL | undefined =>
  origin === 'local' ? isNull(column) : origin === 'remote' ? isNotNull(column) : undefined;

export interface ReportQuery extends Page {
  limit: number;
  /** Misskey: `resolved` / `unresolved`; anything else lists all. */
  state?: string | null;
  reporterOrigin: Origin;
  targetUserOrigin: Origin;
}

export async function listAbuseReports(ctx: AppContext, query: ReportQuery): Promise<AbuseReportRow[]> {
  const { where, orderBy } = paginate(abuseUserReports.id, query);
  const state = query.state === 'resolved' ? eq(abuseUserReports.resolved, true)
    : query.state === 'unresolved' ? eq(abuseUserReports.resolved, false) : undefined;
  return ctx.db.select().from(abuseUserReports)
    .where(and(where, state, hostIs(abuseUserReports.reporterHost, query.reporterOrigin), hostIs(abuseUserReports.targetUserHost, query.targetUserOrigin)))
    .orderBy(orderBy).limit(query.limit);
}

export interface PackedAbuseReport {
  id: string;
  createdAt: string;
  comment: string;
  resolved: boolean;
  reporterId: string;
  targetUserId: string;
  assigneeId: string | null;
  reporter: UserDetailedNotMe;
  targetUser: UserDetailedNotMe;
  assignee: UserDetailedNotMe | null;
  forwarded: boolean;
  resolvedAs: 'accept' | 'reject' | null;
  moderationNote: string;
}

/** Reports with their users packed for the moderator (one batch for all users). Reports whose users are gone are left out. */
export async function packAbuseReports(ctx: AppContext, rows: readonly AbuseReportRow[], viewer: AuthUser): Promise<PackedAbuseReport[]> {
  const ids = [...new Set(rows.flatMap((row) => [row.reporterId, row.targetUserId, ...(row.assigneeId ? [row.assigneeId] : [])]))];
  const packed = await packUserDetailed(ctx, await findUsersByIdsIncludingDeleted(ctx, ids), viewer);
  // misskey-js types them as UserDetailedNotMe even when the moderator is one of them.
  const byId = new Map(packed.map((user) => [user.id, user as UserDetailedNotMe]));
  return rows.flatMap((row) => {
    const reporter = byId.get(row.reporterId);
    const targetUser = byId.get(row.targetUserId);
    if (!reporter || !targetUser) return [];
    return [{
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      comment: row.comment,
      resolved: row.resolved,
      reporterId: row.reporterId,
      targetUserId: row.targetUserId,
      assigneeId: row.assigneeId,
      reporter,
      targetUser,
      assignee: row.assigneeId ? byId.get(row.assigneeId) ?? null : null,
      forwarded: row.forwarded,
      resolvedAs: row.resolvedAs === 'accept' || row.resolvedAs === 'reject' ? row.resolvedAs : null,
      moderationNote: row.moderationNote,
    }];
  });
}
