import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { roleAssignments, signins, userIps, userProfiles, users, type UserRow } from '../../db/schema/index.js';
import { generateToken } from '../auth/token.js';
import { revokeNativeTokens } from '../auth/native-token.js';
import { usersChanged } from '../cache/caches.js';
import { publishMainStream } from '../../bus/topics.js';
import { hashPassword } from '../users/password.js';
import { deleteAccount } from '../users/account.js';
import { escapeLike } from '../users/directory.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { deleteAllFilesOfAUserJob } from '../../jobs/kinds/delete-all-files-of-a-user.js';
import { loggedUser, recordModerationAction } from './log.js';
import { packSignin } from '../auth/signin-history.js';
import { privilegesOfUser, rolesOf } from '../roles/policies.js';
import { mergePolicies } from '../roles/merge.js';
import { applyInlinePolicies } from '../roles/inline.js';
import { packRole } from '../roles/pack.js';

/**
 * What moderators do to accounts (admin/*). Every action changes the account and writes its
 * moderation log entry in one transaction, then announces the change (`usersChanged`: caches and
 * open sockets in every process).
 */

/** Moderators and administrators: Misskey refuses to suspend them or reset a root's password. */
export const isStaff = (user: Pick<UserRow, 'isAdmin' | 'isModerator' | 'isRoot'>) => user.isAdmin || user.isModerator || user.isRoot;

/** An account by id, deleted ones included (moderators look at them too). */
export async function findAnyUser(ctx: AppContext, userId: string): Promise<UserRow | null> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * Suspends or reinstates an account. A suspended account cannot sign in, its calls are refused
 * (YOUR_ACCOUNT_SUSPENDED), its sockets are closed, and it is left out of every list of users.
 */
export async function setSuspension(ctx: AppContext, moderatorId: string, user: UserRow, suspended: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ isSuspended: suspended }).where(eq(users.id, user.id));
    await recordModerationAction(tx, { moderatorId, type: suspended ? 'suspend' : 'unsuspend', info: loggedUser(user) });
  });
  usersChanged(ctx, user.id);
}

/** Misskey's reset: a new random 8-character password, answered once; tokens stay valid. */
export async function resetPassword(ctx: AppContext, moderatorId: string, user: UserRow): Promise<string> {
  const password = generateToken(8);
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await tx.update(userProfiles).set({ password: hash, updatedAt: new Date() }).where(eq(userProfiles.userId, user.id));
    await recordModerationAction(tx, { moderatorId, type: 'resetPassword', info: loggedUser(user) });
  });
  return password;
}

/** Signs the account's web client out everywhere (its native tokens die; app tokens live on). */
export async function regenerateUserToken(ctx: AppContext, moderatorId: string, user: UserRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await revokeNativeTokens(tx, user.id);
    await recordModerationAction(tx, { moderatorId, type: 'regenerateUserToken', info: loggedUser(user) });
  });
  publishMainStream(ctx, user.id, 'myTokenRegenerated');
  usersChanged(ctx, user.id);
}

export async function updateUserNote(ctx: AppContext, moderatorId: string, user: UserRow, text: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ note: userProfiles.moderationNote }).from(userProfiles).where(eq(userProfiles.userId, user.id)).for('update');
    await tx.update(userProfiles).set({ moderationNote: text }).where(eq(userProfiles.userId, user.id));
    await recordModerationAction(tx, { moderatorId, type: 'updateUserNote', info: { ...loggedUser(user), before: before?.note ?? null, after: text } });
  });
}

/** The fork's `admin/update-user-name`: a blank or missing name clears it (the username shows). */
export async function updateUserName(ctx: AppContext, moderatorId: string, user: UserRow, name: string | undefined): Promise<void> {
  const after = name == null || name.trim() === '' ? null : name.trim();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ name: after }).where(eq(users.id, user.id));
    await recordModerationAction(tx, { moderatorId, type: 'updateUserName', info: { ...loggedUser(user), before: user.name, after } });
  });
  usersChanged(ctx, user.id);
}

/** Takes the avatar or banner off an account (the file stays in its drive); nothing to do when none is set. */
export async function unsetProfileImage(ctx: AppContext, moderatorId: string, user: UserRow, which: 'avatar' | 'banner'): Promise<void> {
  const fileId = which === 'avatar' ? user.avatarId : user.bannerId;
  if (fileId == null) return;
  await ctx.db.transaction(async (tx) => {
    await tx.update(users)
      .set(which === 'avatar' ? { avatarId: null, avatarUrl: null, avatarBlurhash: null } : { bannerId: null, bannerUrl: null, bannerBlurhash: null })
      .where(eq(users.id, user.id));
    await recordModerationAction(tx, { moderatorId, type: which === 'avatar' ? 'unsetUserAvatar' : 'unsetUserBanner', info: { ...loggedUser(user), fileId } });
  });
  usersChanged(ctx, user.id);
}

/**
 * The fork's `admin/unset-user-mutual-link`: removes the link `itemId` from the account's mutual-link
 * sections (a section left empty stays, as its owner named it). Returns false when the account has
 * no such link (nothing changes, nothing is logged).
 */
export async function unsetMutualLink(ctx: AppContext, moderatorId: string, user: UserRow, itemId: string): Promise<boolean> {
  const removed = await ctx.db.transaction(async (tx) => {
    const [profile] = await tx.select({ sections: userProfiles.mutualLinkSections }).from(userProfiles).where(eq(userProfiles.userId, user.id)).for('update');
    const link = profile?.sections.flatMap((section) => section.mutualLinks).find((item) => item.id === itemId);
    if (!profile || !link) return false;
    const sections = profile.sections.map((section) => ({ ...section, mutualLinks: section.mutualLinks.filter((item) => item.id !== itemId) }));
    await tx.update(userProfiles).set({ mutualLinkSections: sections }).where(eq(userProfiles.userId, user.id));
    await recordModerationAction(tx, { moderatorId, type: 'unsetUserMutualLink', info: { ...loggedUser(user), itemId, url: link.url, fileId: link.fileId } });
    return true;
  });
  if (removed) usersChanged(ctx, user.id);
  return removed;
}

/**
 * Deletes every drive file of the account, in the background (a job that survives restarts): the
 * job deletes in batches and logs each file as Misskey does (`deleteDriveFile`).
 */
export async function deleteAllFilesOfUser(ctx: AppContext, moderatorId: string, user: UserRow): Promise<void> {
  await enqueueJob(ctx, ctx.db, deleteAllFilesOfAUserJob, { userId: user.id, moderatorId });
}

/**
 * An administrator deletes an account: marked deleted as when its owner does it (every token dies,
 * its notes disappear, its name stays taken), logged, and its drive files removed by a job.
 */
export async function deleteAccountByModerator(ctx: AppContext, moderatorId: string, user: UserRow): Promise<void> {
  await deleteAccount(ctx, user.id, async (tx) => {
    await recordModerationAction(tx, { moderatorId, type: 'deleteAccount', info: loggedUser(user) });
  });
}

export type AdminUserState = 'all' | 'alive' | 'available' | 'admin' | 'moderator' | 'adminOrModerator' | 'suspended';
export type AdminUserSort = '+follower' | '-follower' | '+createdAt' | '-createdAt' | '+updatedAt' | '-updatedAt' | '+lastActiveDate' | '-lastActiveDate';

export interface AdminUserQuery {
  limit: number;
  offset: number;
  sort?: AdminUserSort;
  state: AdminUserState;
  origin: 'combined' | 'local' | 'remote';
  username?: string | null;
  hostname?: string | null;
}

const ALIVE_MS = 5 * 24 * 60 * 60 * 1000;

/** `admin/show-users`: Misskey's filters and sorts, offset paging; deleted accounts are left out. */
export async function listUsersForModerators(ctx: AppContext, query: AdminUserQuery): Promise<UserRow[]> {
  const conditions: (SQL | undefined)[] = [eq(users.isDeleted, false)];
  switch (query.state) {
    case 'available': conditions.push(eq(users.isSuspended, false)); break;
    case 'alive': conditions.push(sql`${users.lastActiveDate} > ${new Date(Date.now() - ALIVE_MS)}`); break;
    case 'suspended': conditions.push(eq(users.isSuspended, true)); break;
    case 'admin': conditions.push(or(eq(users.isAdmin, true), eq(users.isRoot, true))); break;
    case 'moderator': conditions.push(eq(users.isModerator, true)); break;
    case 'adminOrModerator': conditions.push(or(eq(users.isAdmin, true), eq(users.isRoot, true), eq(users.isModerator, true))); break;
    case 'all': break;
  }
  if (query.origin === 'local') conditions.push(isNull(users.host));
  if (query.origin === 'remote') conditions.push(isNotNull(users.host));
  if (query.username) conditions.push(ilike(users.usernameLower, `${escapeLike(query.username.toLowerCase())}%`));
  if (query.hostname) conditions.push(ilike(users.host, `%${escapeLike(query.hostname.toLowerCase())}%`));
  const order: SQL[] = {
    '+follower': [desc(users.followersCount), desc(users.id)],
    '-follower': [asc(users.followersCount), asc(users.id)],
    '+createdAt': [desc(users.id)],
    '-createdAt': [asc(users.id)],
    '+updatedAt': [sql`${users.updatedAt} DESC NULLS LAST`, desc(users.id)],
    '-updatedAt': [sql`${users.updatedAt} ASC NULLS FIRST`, asc(users.id)],
    '+lastActiveDate': [sql`${users.lastActiveDate} DESC NULLS LAST`, desc(users.id)],
    '-lastActiveDate': [sql`${users.lastActiveDate} ASC NULLS FIRST`, asc(users.id)],
  }[query.sort ?? '-createdAt'];
  // Misskey without a sort: oldest first.
  return ctx.db.select().from(users).where(and(...conditions)).orderBy(...order).limit(query.limit).offset(query.offset);
}

/** The private part of an account moderators see (`admin/show-user`). */
export async function moderatorViewOf(ctx: AppContext, user: UserRow) {
  const [[profile], recentSignins] = await Promise.all([
    ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, user.id)),
    ctx.db.select().from(signins).where(eq(signins.userId, user.id)).orderBy(desc(signins.id)).limit(20),
  ]);
  return { profile: profile ?? null, signins: recentSignins };
}

/** `admin/get-user-ips`: the latest 30 addresses the account called from, newest first. */
export async function listUserIps(ctx: AppContext, userId: string): Promise<{ ip: string; createdAt: string }[]> {
  const rows = await ctx.db.select().from(userIps).where(eq(userIps.userId, userId)).orderBy(desc(userIps.createdAt)).limit(30);
  return rows.map((row) => ({ ip: row.ip, createdAt: row.createdAt.toISOString() }));
}

/** `admin/show-user`'s answer (misskey-js shape): settings, secrets, sign-ins and policies of the account. */
export async function packUserForModerators(ctx: AppContext, user: UserRow) {
  const [{ profile, signins: recentSignins }, held, privileges, assignments] = await Promise.all([
    moderatorViewOf(ctx, user), rolesOf(ctx, user.id, user), privilegesOfUser(ctx, user),
    ctx.db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id)).orderBy(asc(roleAssignments.id)),
  ]);
  const policies = applyInlinePolicies(mergePolicies(ctx.meta.policies, held), ctx.roles.latest.inlineByUser.get(user.id));
  const now = Date.now();
  return {
    email: profile?.email ?? null,
    emailVerified: profile?.emailVerified ?? false,
    followedMessage: profile?.followedMessage ?? null,
    autoAcceptFollowed: profile?.autoAcceptFollowed ?? true,
    noCrawle: profile?.noCrawle ?? false,
    preventAiLearning: profile?.preventAiLearning ?? true,
    alwaysMarkNsfw: profile?.alwaysMarkNsfw ?? false,
    autoSensitive: profile?.autoSensitive ?? false,
    carefulBot: profile?.carefulBot ?? false,
    injectFeaturedNote: profile?.injectFeaturedNote ?? true,
    receiveAnnouncementEmail: profile?.receiveAnnouncementEmail ?? true,
    mutedWords: (profile?.mutedWords ?? []) as (string | string[])[],
    mutedInstances: profile?.mutedInstances ?? [],
    notificationRecieveConfig: profile?.notificationRecieveConfig ?? {},
    isModerator: privileges.isModerator,
    // Misskey: silenced = the account's policies take public notes away.
    isSilenced: !policies.canPublicNote,
    isSuspended: user.isSuspended,
    // Misskey hibernates inactive accounts' timelines; Mikan reads timelines from the database and never does.
    isHibernated: false,
    lastActiveDate: user.lastActiveDate?.toISOString() ?? null,
    moderationNote: profile?.moderationNote ?? '',
    signins: recentSignins.map(packSignin),
    policies,
    roles: held.map((role) => packRole(role, ctx.roles.latest)),
    // Unexpired manual assignments (conditional roles have none), as Misskey lists them.
    roleAssigns: assignments.filter((row) => row.expiresAt == null || row.expiresAt.getTime() > now).map((row) => ({
      createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null, roleId: row.roleId,
    })),
  };
}
