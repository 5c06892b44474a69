import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { RolePoliciesSchema } from '../meta/schema.js';

// Field by field as misskey-js (components.schemas) declares them; test/types/users.ts checks the fit.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });
const Visibility = Type.Union([Type.Literal('public'), Type.Literal('followers'), Type.Literal('private')]);

export const ChatScopeSchema = Type.Union([
  Type.Literal('everyone'), Type.Literal('following'), Type.Literal('followers'), Type.Literal('mutual'), Type.Literal('none'),
]);

export const AvatarDecorationSchema = Type.Object({
  id: Id,
  angle: Type.Optional(Type.Number()),
  flipH: Type.Optional(Type.Boolean()),
  url: Type.String(),
  offsetX: Type.Optional(Type.Number()),
  offsetY: Type.Optional(Type.Number()),
});

export const UserLiteSchema = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  username: Type.String(),
  /** null for local users. */
  host: Nullable(Type.String()),
  avatarUrl: Type.String(),
  avatarBlurhash: Nullable(Type.String()),
  avatarDecorations: Type.Array(AvatarDecorationSchema),
  isBot: Type.Optional(Type.Boolean()),
  isCat: Type.Optional(Type.Boolean()),
  requireSigninToViewContents: Type.Optional(Type.Boolean()),
  makeNotesFollowersOnlyBefore: Type.Optional(Nullable(Type.Number())),
  makeNotesHiddenBefore: Type.Optional(Nullable(Type.Number())),
  /** Remote users only. */
  instance: Type.Optional(Type.Object({
    name: Nullable(Type.String()),
    softwareName: Nullable(Type.String()),
    softwareVersion: Nullable(Type.String()),
    iconUrl: Nullable(Type.String()),
    faviconUrl: Nullable(Type.String()),
    themeColor: Nullable(Type.String()),
  })),
  emojis: Type.Record(Type.String(), Type.String()),
  onlineStatus: Type.Union([Type.Literal('unknown'), Type.Literal('online'), Type.Literal('active'), Type.Literal('offline')]),
  badgeRoles: Type.Optional(Type.Array(Type.Object({
    name: Type.String(),
    iconUrl: Nullable(Type.String()),
    displayOrder: Type.Number(),
  }))),
});

export const RoleLiteSchema = Type.Object({
  id: Id,
  name: Type.String(),
  color: Nullable(Type.String()),
  iconUrl: Nullable(Type.String()),
  description: Type.String(),
  isModerator: Type.Boolean(),
  isAdministrator: Type.Boolean(),
  displayOrder: Type.Number(),
});

export const AnnouncementSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  updatedAt: Nullable(DateTime),
  text: Type.String(),
  title: Type.String(),
  imageUrl: Nullable(Type.String()),
  icon: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('error'), Type.Literal('success')]),
  display: Type.Union([Type.Literal('dialog'), Type.Literal('normal'), Type.Literal('banner')]),
  needConfirmationToRead: Type.Boolean(),
  silence: Type.Boolean(),
  forYou: Type.Boolean(),
  isRead: Type.Optional(Type.Boolean()),
});

export const AchievementSchema = Type.Object({
  // Misskey's long list of names; the client knows them, the server only stores what it is told.
  name: Type.Unsafe<entities.Achievement['name']>(Type.String()),
  unlockedAt: Type.Number(),
});

/**
 * Notes and pages do not exist yet, so these stay empty (pinnedNotes: [], pinnedPage: null); the
 * static types are misskey-js's own so the contract check holds. The notes and pages issues swap
 * in their real schemas.
 */
const PinnedNoteSchema = Type.Unsafe<entities.Note>(Type.Object({ id: Id }));
const PinnedPageSchema = Type.Unsafe<entities.Page>(Type.Object({ id: Id }));

const NotificationReceiveRuleSchema = Type.Union([
  Type.Object({
    type: Type.Union([
      Type.Literal('all'), Type.Literal('following'), Type.Literal('follower'), Type.Literal('mutualFollow'),
      Type.Literal('followingOrFollower'), Type.Literal('never'),
    ]),
  }),
  Type.Object({ type: Type.Literal('list'), userListId: Id }),
]);

export const NOTIFICATION_RECEIVE_CONFIG_TYPES = [
  'note', 'follow', 'mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded', 'scheduledNotePosted',
  'scheduledNotePostFailed', 'receiveFollowRequest', 'followRequestAccepted', 'roleAssigned',
  'chatRoomInvitationReceived', 'achievementEarned', 'app', 'test', 'login', 'createToken', 'exportCompleted',
] as const;

type NotificationReceiveConfig = { [K in (typeof NOTIFICATION_RECEIVE_CONFIG_TYPES)[number]]?: Static<typeof NotificationReceiveRuleSchema> };

export const NotificationReceiveConfigSchema = Type.Unsafe<NotificationReceiveConfig>(Type.Object(
  Object.fromEntries(NOTIFICATION_RECEIVE_CONFIG_TYPES.map((type) => [type, Type.Optional(NotificationReceiveRuleSchema)])),
));

/**
 * misskey-js types muted words as string[][], but Misskey also stores and sends `/regexp/flags`
 * entries as bare strings; the schema admits what is really sent, the static type stays misskey-js's.
 */
const MutedWordsSchema = Type.Unsafe<string[][]>(Type.Array(Type.Union([Type.Array(Type.String()), Type.String()])));

export const UserDetailedNotMeOnlySchema = Type.Object({
  url: Nullable(Type.String()),
  uri: Nullable(Type.String()),
  movedTo: Nullable(Type.String()),
  alsoKnownAs: Nullable(Type.Array(Type.String())),
  createdAt: DateTime,
  updatedAt: Nullable(DateTime),
  lastFetchedAt: Nullable(DateTime),
  bannerUrl: Nullable(Type.String()),
  bannerBlurhash: Nullable(Type.String()),
  isLocked: Type.Boolean(),
  isSilenced: Type.Boolean(),
  isSuspended: Type.Boolean(),
  description: Nullable(Type.String()),
  location: Nullable(Type.String()),
  birthday: Nullable(Type.String()),
  lang: Nullable(Type.String()),
  fields: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  verifiedLinks: Type.Array(Type.String()),
  /** The MisskeyIO fork's mutual-link banners (not in misskey-js, so optional in the type; always sent). */
  mutualLinkSections: Type.Optional(Type.Array(Type.Object({
    name: Nullable(Type.String()),
    mutualLinks: Type.Array(Type.Object({ id: Id, url: Type.String(), fileId: Id, description: Nullable(Type.String()), imgSrc: Type.String() })),
  }))),
  followersCount: Type.Number(),
  followingCount: Type.Number(),
  notesCount: Type.Number(),
  pinnedNoteIds: Type.Array(Id),
  pinnedNotes: Type.Array(PinnedNoteSchema),
  pinnedPageId: Nullable(Type.String()),
  pinnedPage: Nullable(PinnedPageSchema),
  publicReactions: Type.Boolean(),
  followingVisibility: Visibility,
  followersVisibility: Visibility,
  chatScope: ChatScopeSchema,
  canChat: Type.Boolean(),
  roles: Type.Array(RoleLiteSchema),
  followedMessage: Type.Optional(Nullable(Type.String())),
  memo: Nullable(Type.String()),
  moderationNote: Type.Optional(Type.String()),
  twoFactorEnabled: Type.Optional(Type.Boolean()),
  usePasswordLessLogin: Type.Optional(Type.Boolean()),
  securityKeys: Type.Optional(Type.Boolean()),
  isFollowing: Type.Optional(Type.Boolean()),
  isFollowed: Type.Optional(Type.Boolean()),
  hasPendingFollowRequestFromYou: Type.Optional(Type.Boolean()),
  hasPendingFollowRequestToYou: Type.Optional(Type.Boolean()),
  isBlocking: Type.Optional(Type.Boolean()),
  isBlocked: Type.Optional(Type.Boolean()),
  isMuted: Type.Optional(Type.Boolean()),
  isRenoteMuted: Type.Optional(Type.Boolean()),
  notify: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('none')])),
  withReplies: Type.Optional(Type.Boolean()),
});

export const MeDetailedOnlySchema = Type.Object({
  avatarId: Nullable(Id),
  bannerId: Nullable(Id),
  followedMessage: Nullable(Type.String()),
  isModerator: Type.Boolean(),
  isAdmin: Type.Boolean(),
  injectFeaturedNote: Type.Boolean(),
  receiveAnnouncementEmail: Type.Boolean(),
  alwaysMarkNsfw: Type.Boolean(),
  autoSensitive: Type.Boolean(),
  carefulBot: Type.Boolean(),
  autoAcceptFollowed: Type.Boolean(),
  noCrawle: Type.Boolean(),
  preventAiLearning: Type.Boolean(),
  isExplorable: Type.Boolean(),
  isDeleted: Type.Boolean(),
  twoFactorBackupCodesStock: Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('none')]),
  hideOnlineStatus: Type.Boolean(),
  hasUnreadSpecifiedNotes: Type.Boolean(),
  hasUnreadMentions: Type.Boolean(),
  hasUnreadAnnouncement: Type.Boolean(),
  unreadAnnouncements: Type.Array(AnnouncementSchema),
  hasUnreadAntenna: Type.Boolean(),
  hasUnreadChannel: Type.Boolean(),
  hasUnreadChatMessages: Type.Boolean(),
  hasUnreadNotification: Type.Boolean(),
  hasPendingReceivedFollowRequest: Type.Boolean(),
  unreadNotificationsCount: Type.Number(),
  mutedWords: MutedWordsSchema,
  hardMutedWords: MutedWordsSchema,
  mutedInstances: Type.Array(Type.String()),
  notificationRecieveConfig: NotificationReceiveConfigSchema,
  emailNotificationTypes: Type.Array(Type.String()),
  achievements: Type.Array(AchievementSchema),
  loggedInDays: Type.Number(),
  policies: RolePoliciesSchema,
  twoFactorEnabled: Type.Boolean(),
  usePasswordLessLogin: Type.Boolean(),
  securityKeys: Type.Boolean(),
  /** Only with the native token (Misskey's `includeSecrets`). */
  email: Type.Optional(Nullable(Type.String())),
  emailVerified: Type.Optional(Nullable(Type.Boolean())),
  // The id is the WebAuthn credential id (base64url), not a Misskey id, in Misskey too.
  securityKeysList: Type.Optional(Type.Array(Type.Object({ id: Type.String(), name: Type.String(), lastUsed: DateTime }))),
});

/** One flat object each (not allOf), so Ajv and the OpenAPI document see every field in one place. */
export const UserDetailedNotMeSchema = Type.Composite([UserLiteSchema, UserDetailedNotMeOnlySchema]);

// Where both parts name a field, the "me" part's (required) declaration wins, as in misskey-js's intersection.
export const MeDetailedSchema = Type.Composite([
  UserLiteSchema,
  Type.Omit(UserDetailedNotMeOnlySchema, ['followedMessage', 'twoFactorEnabled', 'usePasswordLessLogin', 'securityKeys']),
  MeDetailedOnlySchema,
]);

export const UserDetailedSchema = Type.Union([UserDetailedNotMeSchema, MeDetailedSchema]);

/** What sign-up and first-run setup answer: the new account with its native token. */
export const MeDetailedWithTokenSchema = Type.Composite([MeDetailedSchema, Type.Object({ token: Type.String() })]);

export const SigninSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  ip: Type.String(),
  // misskey-js: Record<string, never> (an object schema without declared properties).
  headers: Type.Unsafe<Record<string, never>>(Type.Object({})),
  success: Type.Boolean(),
});

export type UserLite = Static<typeof UserLiteSchema>;
export type UserDetailedNotMe = Static<typeof UserDetailedNotMeSchema>;
export type MeDetailed = Static<typeof MeDetailedSchema>;
export type UserDetailed = Static<typeof UserDetailedSchema>;
export type Signin = Static<typeof SigninSchema>;
