import { backupCodesStock, securityKeysOf } from '../two-factor/totp.js';
import { inArray } from 'drizzle-orm';
import { packAnnouncement, unreadAnnouncements, type PackedAnnouncement } from '../announcements/service.js';
import type { AppContext } from '../../context.js';
import { remoteActors, userProfiles, type UserProfileRow, type UserRow } from '../../db/schema/index.js';
import { parseIdTime } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { MeDetailed, UserDetailedNotMe, UserLite } from './schema.js';
import { getRelations, noRelation, type UserRelation } from './relations.js';
import { countUnreadNotifications } from '../notifications/read.js';
import { hasUnreadChatMessages } from '../chat/messages.js';
import { hasPendingReceivedFollowRequest } from '../following/requests.js';
import { loadPinnedNotes } from '../pins/pins.js';
import { onlineStatus } from './online-status.js';
import { packWornDecorations } from '../branding/avatar-decorations.js';
import { policiesOfUsers } from '../roles/policies.js';
import { privilegesOf, rolesHeld } from '../roles/service.js';
import { packBadgeRoles, packRoleLite } from '../roles/pack.js';
import type { RolePolicies } from '../meta/policies.js';
import type { RoleRow } from '../../db/schema/index.js';
import { localUserIdOfUri, packAliases } from './move.js';

export { onlineStatus } from './online-status.js';

/** Misskey's default avatar: a generated image per account, served at /identicon/:acct (src/web/identicon.ts). */
export function identiconUrl(ctx: AppContext, user: Pick<UserRow, 'usernameLower' | 'host'>): string {
  return `${ctx.config.url}/identicon/${user.usernameLower}@${user.host ?? ctx.config.hostname}`;
}

/**
 * A user as lists, notes and notifications show them. Reads nothing but the row, so packing many
 * users costs no query. Fields of features that do not exist yet carry a fresh account's values.
 * Pass the viewer so that the viewer's own account shows the online status from before the request.
 */
export function packUserLite(ctx: AppContext, user: UserRow, viewer?: AuthUser | null): UserLite {
  const packed: UserLite = {
    id: user.id,
    name: user.name,
    username: user.username,
    host: user.host,
    avatarUrl: user.avatarUrl ?? identiconUrl(ctx, user),
    avatarBlurhash: user.avatarUrl ? user.avatarBlurhash : null,
    // Deleting a decoration takes it off its wearers, so what the row holds exists.
    avatarDecorations: packWornDecorations(user.avatarDecorations),
    isBot: user.isBot,
    isCat: user.isCat,
    emojis: {},
    onlineStatus: viewer?.id === user.id && viewer.onlineStatusBefore ? viewer.onlineStatusBefore : onlineStatus(user),
  };
  // Misskey sends these only when set.
  if (user.requireSigninToViewContents) packed.requireSigninToViewContents = true;
  if (user.makeNotesFollowersOnlyBefore != null) packed.makeNotesFollowersOnlyBefore = user.makeNotesFollowersOnlyBefore;
  if (user.makeNotesHiddenBefore != null) packed.makeNotesHiddenBefore = user.makeNotesHiddenBefore;
  // Role badges are for local users only (Misskey: for performance). From the roles in memory, so
  // packing stays query-free (a role change reaches this process with the bus's next message).
  if (user.host == null) packed.badgeRoles = packBadgeRoles(rolesHeld(ctx.roles.latest, user.id, user));
  return packed;
}

/** A profile row for accounts that have none (remote users, if they ever arrive): the column defaults. */
function emptyProfile(userId: string): UserProfileRow {
  return {
    userId, password: null, email: null, emailVerified: false, description: null, location: null, birthday: null,
    lang: null, fields: [], verifiedLinks: [], mutualLinkSections: [], followedMessage: null, pinnedPageId: null, publicReactions: true,
    followingVisibility: 'public', followersVisibility: 'public', autoAcceptFollowed: true, carefulBot: false,
    injectFeaturedNote: true, receiveAnnouncementEmail: true, alwaysMarkNsfw: false, autoSensitive: false,
    noCrawle: false, preventAiLearning: true, mutedWords: [], hardMutedWords: [], mutedInstances: [],
    notificationRecieveConfig: {}, emailNotificationTypes: [], twoFactorEnabled: false,
    usePasswordLessLogin: false, twoFactorSecret: null, twoFactorTempSecret: null, twoFactorBackupSecret: null, twoFactorLastUsedStep: null, moderationNote: '', loggedInDays: 0, lastLoggedInDay: null, achievements: [], updatedAt: null,
  };
}

/**
 * Misskey's rule for the counts on a profile: shown when the list they count is visible to the
 * viewer (owner, moderators, `public`, or `followers` and the viewer follows), else 0.
 */
function visibleCount(count: number, visibility: UserProfileRow['followingVisibility'], isOwner: boolean, isModerator: boolean, relation: UserRelation | undefined): number {
  if (isOwner || isModerator || visibility === 'public') return count;
  if (visibility === 'followers' && relation?.isFollowing) return count;
  return 0;
}

function packDetailedPart(ctx: AppContext, user: UserRow, profile: UserProfileRow, viewer: AuthUser | null, relation: UserRelation | undefined, held: { policies: RolePolicies; roles: RoleRow[] }, keys: SecurityKeyList) {
  const { policies } = held;
  const viewerIsModerator = Boolean(viewer && (viewer.isModerator || viewer.isAdmin));
  const isOwner = viewer?.id === user.id;
  return {
    url: null,
    uri: null,
    movedTo: localUserIdOfUri(ctx, user.movedToUri),
    alsoKnownAs: packAliases(ctx, user.alsoKnownAs),
    createdAt: parseIdTime(user.id).toISOString(),
    updatedAt: user.updatedAt ? user.updatedAt.toISOString() : null,
    lastFetchedAt: null,
    bannerUrl: user.bannerUrl,
    bannerBlurhash: user.bannerUrl ? user.bannerBlurhash : null,
    isLocked: user.isLocked,
    // Misskey: silenced is holding no `canPublicNote`.
    isSilenced: !policies.canPublicNote,
    isSuspended: user.isSuspended,
    description: profile.description,
    location: profile.location,
    birthday: profile.birthday,
    lang: profile.lang,
    fields: profile.fields,
    verifiedLinks: profile.verifiedLinks,
    mutualLinkSections: profile.mutualLinkSections.map((section) => ({
      name: section.name,
      mutualLinks: section.mutualLinks.map((link) => ({ id: link.id, url: link.url, fileId: link.fileId, description: link.description, imgSrc: link.imgSrc })),
    })),
    followersCount: visibleCount(user.followersCount, profile.followersVisibility, isOwner, viewerIsModerator, relation),
    followingCount: visibleCount(user.followingCount, profile.followingVisibility, isOwner, viewerIsModerator, relation),
    notesCount: user.notesCount,
    pinnedNoteIds: [],
    pinnedNotes: [],
    pinnedPageId: profile.pinnedPageId,
    pinnedPage: null,
    publicReactions: profile.publicReactions,
    followingVisibility: profile.followingVisibility,
    followersVisibility: profile.followersVisibility,
    chatScope: user.chatScope,
    canChat: policies.chatAvailability === 'available',
    // Public roles only, highest displayOrder first (Misskey).
    roles: held.roles.filter((role) => role.isPublic).sort((a, b) => b.displayOrder - a.displayOrder).map(packRoleLite),
    // The viewer's private memo about this user, oneself included (Misskey).
    memo: relation?.memo ?? null,
    ...(viewerIsModerator ? { moderationNote: profile.moderationNote } : {}),
    // Misskey shows how an account signs in only to its owner and to moderators.
    ...(isOwner || viewerIsModerator ? {
      twoFactorEnabled: profile.twoFactorEnabled,
      usePasswordLessLogin: profile.usePasswordLessLogin,
      securityKeys: keys.length > 0,
    } : {}),
  };
}

type SecurityKeyList = { id: string; name: string; lastUsed: string }[];

interface MeState { unreadNotifications: number; unreadChatMessages: boolean; pendingReceivedFollowRequest: boolean; unreadAnnouncements: PackedAnnouncement[] }

function packMePart(user: UserRow, profile: UserProfileRow, includeSecrets: boolean, state: MeState, held: { policies: RolePolicies; roles: RoleRow[] }, keys: SecurityKeyList) {
  const privileges = privilegesOf(user, held.roles);
  return {
    avatarId: user.avatarId,
    bannerId: user.bannerId,
    followedMessage: profile.followedMessage,
    isModerator: privileges.isModerator,
    isAdmin: privileges.isAdmin,
    injectFeaturedNote: profile.injectFeaturedNote,
    receiveAnnouncementEmail: profile.receiveAnnouncementEmail,
    alwaysMarkNsfw: profile.alwaysMarkNsfw,
    autoSensitive: profile.autoSensitive,
    carefulBot: profile.carefulBot,
    autoAcceptFollowed: profile.autoAcceptFollowed,
    noCrawle: profile.noCrawle,
    preventAiLearning: profile.preventAiLearning,
    isExplorable: user.isExplorable,
    isDeleted: user.isDeleted,
    twoFactorBackupCodesStock: backupCodesStock(profile),
    hideOnlineStatus: user.hideOnlineStatus,
    hasUnreadSpecifiedNotes: false,
    hasUnreadMentions: false,
    hasUnreadAnnouncement: state.unreadAnnouncements.length > 0,
    unreadAnnouncements: state.unreadAnnouncements,
    hasUnreadAntenna: false,
    // Always false in Misskey too (kept for old clients).
    hasUnreadChannel: false,
    hasUnreadChatMessages: state.unreadChatMessages,
    hasUnreadNotification: state.unreadNotifications > 0,
    hasPendingReceivedFollowRequest: state.pendingReceivedFollowRequest,
    unreadNotificationsCount: state.unreadNotifications,
    // Regexp entries are bare strings (see MutedWordsSchema).
    mutedWords: profile.mutedWords as string[][],
    hardMutedWords: profile.hardMutedWords as string[][],
    mutedInstances: profile.mutedInstances,
    notificationRecieveConfig: profile.notificationRecieveConfig as MeDetailed['notificationRecieveConfig'],
    emailNotificationTypes: profile.emailNotificationTypes,
    achievements: profile.achievements as MeDetailed['achievements'],
    loggedInDays: profile.loggedInDays,
    policies: held.policies,
    twoFactorEnabled: profile.twoFactorEnabled,
    usePasswordLessLogin: profile.usePasswordLessLogin,
    securityKeys: keys.length > 0,
    ...(includeSecrets ? { email: profile.email, emailVerified: profile.emailVerified, securityKeysList: keys } : {}),
  };
}

export interface PackDetailedOptions {
  /** Email and security keys of the viewer's own account: only for the native token (Misskey's `includeSecrets`). */
  includeSecrets?: boolean;
  /** `packMe` only: the caller's online status before the request (`AuthUser.onlineStatusBefore`). */
  onlineStatusBefore?: AuthUser['onlineStatusBefore'];
}

/**
 * Users as their profile pages show them, in the given order: MeDetailed for the viewer's own
 * account, UserDetailedNotMe for everyone else. Relations to the viewer come from one batched
 * query, so any number of users costs the same: profiles + relations (+ two for the viewer's own
 * unread state when the viewer is among them).
 */
export async function packUserDetailed(ctx: AppContext, users: readonly UserRow[], viewer: AuthUser | null, options: PackDetailedOptions = {}): Promise<(MeDetailed | UserDetailedNotMe)[]> {
  if (users.length === 0) return [];
  const includesViewer = viewer != null && users.some((user) => user.id === viewer.id);
  const remoteIds = users.filter((user) => user.host != null).map((user) => user.id);
  const [rows, relations, meState, pinned, roleState, remoteLinks] = await Promise.all([
    ctx.db.select().from(userProfiles).where(inArray(userProfiles.userId, users.map((user) => user.id))),
    // The viewer's own account too: its memo about itself (the other relations to oneself are all false).
    viewer ? getRelations(ctx, viewer.id, users.map((user) => user.id)) : new Map<string, UserRelation>(),
    includesViewer ? loadMeState(ctx, viewer.id) : null,
    loadPinnedNotes(ctx, users.map((user) => user.id), viewer),
    policiesOfUsers(ctx, users),
    // Remote accounts' ActivityPub id and profile page (src/federation); no query for local ones.
    remoteIds.length > 0
      ? ctx.db.select({ userId: remoteActors.userId, uri: remoteActors.uri, url: remoteActors.url }).from(remoteActors).where(inArray(remoteActors.userId, remoteIds))
      : [],
  ]);
  const profiles = new Map(rows.map((row) => [row.userId, row]));
  const links = new Map(remoteLinks.map((row) => [row.userId, row]));
  // Misskey counts security keys only while two-factor authentication is on.
  const securityKeys = await securityKeysOf(ctx, rows.filter((row) => row.twoFactorEnabled).map((row) => row.userId));
  return users.map((user) => {
    const profile = profiles.get(user.id) ?? emptyProfile(user.id);
    const relation = relations.get(user.id);
    const pinnedNotes = pinned.get(user.id) ?? [];
    const held = roleState.get(user.id)!;
    const link = links.get(user.id);
    const base = {
      ...packUserLite(ctx, user, viewer), ...packDetailedPart(ctx, user, profile, viewer, relation, held, securityKeys.get(user.id) ?? []),
      ...(link ? { uri: link.uri, url: link.url ?? link.uri } : {}),
      pinnedNoteIds: pinnedNotes.map((note) => note.id), pinnedNotes,
    };
    if (viewer?.id === user.id) return { ...base, ...packMePart(user, profile, options.includeSecrets ?? false, meState!, held, securityKeys.get(user.id) ?? []) } satisfies MeDetailed;
    if (!viewer) return base;
    const { id: _id, ...fields } = relation ?? noRelation(user.id);
    return { ...base, ...fields };
  });
}

async function loadMeState(ctx: AppContext, userId: string): Promise<MeState> {
  const [unreadNotifications, pendingReceivedFollowRequest, announcements, unreadChatMessages] = await Promise.all([
    countUnreadNotifications(ctx, userId),
    hasPendingReceivedFollowRequest(ctx, userId),
    unreadAnnouncements(ctx, userId),
    hasUnreadChatMessages(ctx, userId),
  ]);
  // Unread by definition, so `isRead: false` without asking.
  return { unreadNotifications, unreadChatMessages, pendingReceivedFollowRequest, unreadAnnouncements: announcements.map((row) => packAnnouncement(row, userId, new Set())) };
}

/** The viewer's own account (what `i`, `i/update` and sign-up answer). */
export async function packMe(ctx: AppContext, user: UserRow, options: PackDetailedOptions = {}): Promise<MeDetailed> {
  const viewer: AuthUser = { ...user, onlineStatusBefore: options.onlineStatusBefore };
  const [packed] = await packUserDetailed(ctx, [user], viewer, options);
  return packed as MeDetailed;
}
