import { and, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { moderationLogs } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { paginate, type Page } from '../pagination.js';
import { packUserDetailed } from '../users/pack.js';
import { findUsersByIds, findUsersByIdsIncludingDeleted } from '../users/read.js';
import type { UserDetailedNotMe } from '../users/schema.js';

export type ModerationLogRow = typeof moderationLogs.$inferSelect;

/** misskey-js `moderationLogTypes`: the action names a log entry may carry. */
export type ModerationLogType =
  | 'updateServerSettings' | 'suspend' | 'unsuspend' | 'updateUserNote' | 'addCustomEmoji' | 'updateCustomEmoji'
  | 'deleteCustomEmoji' | 'assignRole' | 'unassignRole' | 'createRole' | 'updateRole' | 'deleteRole' | 'clearQueue'
  | 'promoteQueue' | 'deleteDriveFile' | 'deleteNote' | 'createGlobalAnnouncement' | 'createUserAnnouncement'
  | 'updateGlobalAnnouncement' | 'updateUserAnnouncement' | 'deleteGlobalAnnouncement' | 'deleteUserAnnouncement'
  | 'resetPassword' | 'suspendRemoteInstance' | 'unsuspendRemoteInstance' | 'updateRemoteInstanceNote'
  | 'markSensitiveDriveFile' | 'unmarkSensitiveDriveFile' | 'resolveAbuseReport' | 'forwardAbuseReport'
  | 'updateAbuseReportNote' | 'createInvitation' | 'createAd' | 'updateAd' | 'deleteAd' | 'createAvatarDecoration'
  | 'updateAvatarDecoration' | 'deleteAvatarDecoration' | 'unsetUserAvatar' | 'unsetUserBanner'
  | 'createSystemWebhook' | 'updateSystemWebhook' | 'deleteSystemWebhook' | 'createAbuseReportNotificationRecipient'
  | 'updateAbuseReportNotificationRecipient' | 'deleteAbuseReportNotificationRecipient' | 'deleteAccount'
  | 'deletePage' | 'deleteFlash' | 'deleteGalleryPost' | 'deleteChatRoom' | 'updateProxyAccountDescription'
  // Mikan's own names for actions misskey-js has no name for (docs/decisions.md, "Moderation log").
  | 'regenerateUserToken' | 'updateUserName' | 'deleteAllFilesOfAUser' | 'updateUserInlinePolicies' | 'unsetUserMutualLink';

export interface ModerationAction {
  /** The moderator (or administrator) who acted. */
  moderatorId: string;
  type: ModerationLogType;
  /** The payload misskey-js's `ModerationLogPayloads[type]` describes. */
  info: Record<string, unknown>;
}

/**
 * Records one moderation action. Pass the transaction that makes the change, so the entry exists
 * if and only if the action committed; or the context, after a change that has no transaction.
 */
export async function recordModerationAction(ctxOrTx: AppContext | Executor, action: ModerationAction): Promise<void> {
  const db = 'caches' in ctxOrTx ? (ctxOrTx as AppContext).db : ctxOrTx as Executor;
  await db.insert(moderationLogs).values({ id: genId(), userId: action.moderatorId, type: action.type, info: action.info });
}

/** The `userId`/`userUsername`/`userHost` triple most user actions log (Misskey's names). */
export function loggedUser(user: { id: string; username: string; host: string | null }): { userId: string; userUsername: string; userHost: string | null } {
  return { userId: user.id, userUsername: user.username, userHost: user.host };
}

export interface ModerationLogQuery extends Page {
  limit: number;
  type?: string | null;
  /** The moderator who acted. */
  userId?: string | null;
}

export async function listModerationLogs(ctx: AppContext, query: ModerationLogQuery): Promise<ModerationLogRow[]> {
  const { where, orderBy } = paginate(moderationLogs.id, query);
  const filters: (SQL | undefined)[] = [where];
  if (query.type) filters.push(eq(moderationLogs.type, query.type));
  if (query.userId) filters.push(eq(moderationLogs.userId, query.userId));
  return ctx.db.select().from(moderationLogs).where(and(...filters)).orderBy(orderBy).limit(query.limit);
}

export interface PackedModerationLog {
  id: string;
  createdAt: string;
  type: string;
  /** misskey-js types it `Record<string, never>`: its fields depend on `type`. */
  info: Record<string, never>;
  userId: string;
  user: UserDetailedNotMe;
}

/** Entries with their moderators packed in one batch; entries whose moderator is gone are left out. */
export async function packModerationLogs(ctx: AppContext, rows: readonly ModerationLogRow[], viewer: AuthUser): Promise<PackedModerationLog[]> {
  const packed = await packUserDetailed(ctx, await findUsersByIdsIncludingDeleted(ctx, [...new Set(rows.map((row) => row.userId))]), viewer);
  // misskey-js types the moderator as UserDetailedNotMe even when it is the viewer.
  const byId = new Map(packed.map((user) => [user.id, user as UserDetailedNotMe]));
  return rows.flatMap((row) => {
    const user = byId.get(row.userId);
    return user ? [{ id: row.id, createdAt: row.createdAt.toISOString(), type: row.type, info: row.info as Record<string, never>, userId: row.userId, user }] : [];
  });
}
