import { and, eq, isNotNull, isNull, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { abuseUserReports, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { paginate, type Page } from '../pagination.js';
import { packUserDetailed } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import type { UserDetailedNotMe } from '../users/schema.js';
import { publishAdminStream } from '../../streaming/events.js';

export type AbuseReportRow = typeof abuseUserReports.$inferSelect;

/** Stores a report for the moderators. */
export async function reportAbuse(ctx: AppContext, reporter: AuthUser, target: UserRow, comment: string): Promise<AbuseReportRow> {
  const [row] = await ctx.db.insert(abuseUserReports).values({
    id: genId(), targetUserId: target.id, targetUserHost: target.host, reporterId: reporter.id, reporterHost: reporter.host, comment,
  }).returning();
  // Moderators watching the `admin` channel see it at once.
  publishAdminStream(ctx, 'newAbuseUserReport', { id: row!.id, targetUserId: row!.targetUserId, reporterId: row!.reporterId, comment: row!.comment });
  return row!;
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
  const packed = await packUserDetailed(ctx, await findUsersByIds(ctx, ids), viewer);
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
