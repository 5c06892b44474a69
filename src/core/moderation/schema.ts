import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { RolePoliciesSchema } from '../meta/schema.js';
import { NotificationReceiveConfigSchema, SigninSchema, UserDetailedNotMeSchema, UserLiteSchema } from '../users/schema.js';

// Field by field as misskey-js declares them; test/types/all-endpoints.ts checks the fit.

const Nullable = <T extends import('@sinclair/typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

export const SystemWebhookEventSchema = Type.Union([
  Type.Literal('abuseReport'), Type.Literal('abuseReportResolved'), Type.Literal('userCreated'),
  Type.Literal('inactiveModeratorsWarning'), Type.Literal('inactiveModeratorsInvitationOnlyChanged'),
]);
/** Params accept the fork's `reportAutoResolved` too (../shared/spec/params.json); Mikan drops it (no auto-resolvers). */
export const SystemWebhookEventParamSchema = Type.Union([SystemWebhookEventSchema, Type.Literal('reportAutoResolved')]);

export const SystemWebhookSchema = Type.Object({
  id: Id,
  isActive: Type.Boolean(),
  updatedAt: DateTime,
  latestSentAt: Nullable(DateTime),
  latestStatus: Nullable(Type.Number()),
  name: Type.String(),
  on: Type.Array(SystemWebhookEventSchema),
  url: Type.String(),
  secret: Type.String(),
});

export const AbuseReportNotificationRecipientSchema = Type.Object({
  id: Id,
  isActive: Type.Boolean(),
  updatedAt: DateTime,
  name: Type.String(),
  method: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
  userId: Type.Optional(Id),
  user: Type.Optional(UserLiteSchema),
  systemWebhookId: Type.Optional(Id),
  systemWebhook: Type.Optional(SystemWebhookSchema),
});

export const AbuseReportSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  comment: Type.String(),
  resolved: Type.Boolean(),
  reporterId: Id,
  targetUserId: Id,
  assigneeId: Nullable(Id),
  reporter: UserDetailedNotMeSchema,
  targetUser: UserDetailedNotMeSchema,
  assignee: Nullable(UserDetailedNotMeSchema),
  forwarded: Type.Boolean(),
  resolvedAs: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Null()]),
  moderationNote: Type.String(),
});

export const ModerationLogSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  type: Type.String(),
  // misskey-js: Record<string, never> (an object whose fields depend on `type`).
  info: Type.Unsafe<Record<string, never>>(Type.Object({})),
  userId: Id,
  user: UserDetailedNotMeSchema,
});

/** `admin/show-user`: the account's settings and secrets a moderator may see. */
export const AdminUserSchema = Type.Object({
  email: Nullable(Type.String()),
  emailVerified: Type.Boolean(),
  followedMessage: Nullable(Type.String()),
  autoAcceptFollowed: Type.Boolean(),
  noCrawle: Type.Boolean(),
  preventAiLearning: Type.Boolean(),
  alwaysMarkNsfw: Type.Boolean(),
  autoSensitive: Type.Boolean(),
  carefulBot: Type.Boolean(),
  injectFeaturedNote: Type.Boolean(),
  receiveAnnouncementEmail: Type.Boolean(),
  mutedWords: Type.Array(Type.Union([Type.String(), Type.Array(Type.String())])),
  mutedInstances: Type.Array(Type.String()),
  notificationRecieveConfig: NotificationReceiveConfigSchema,
  isModerator: Type.Boolean(),
  isSilenced: Type.Boolean(),
  isSuspended: Type.Boolean(),
  isHibernated: Type.Boolean(),
  lastActiveDate: Nullable(DateTime),
  moderationNote: Type.String(),
  signins: Type.Array(SigninSchema),
  policies: RolePoliciesSchema,
  // Roles are another module's (src/core/roles); until it packs them, none are held.
  roles: Type.Unsafe<entities.Role[]>(Type.Array(Type.Object({}, { additionalProperties: true }))),
  roleAssigns: Type.Array(Type.Object({ createdAt: DateTime, expiresAt: Nullable(DateTime), roleId: Id })),
});

export const AdminDriveFileSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  userId: Nullable(Id),
  userHost: Nullable(Type.String()),
  md5: Type.String(),
  name: Type.String(),
  type: Type.String(),
  size: Type.Number(),
  comment: Nullable(Type.String()),
  blurhash: Nullable(Type.String()),
  properties: Type.Object({
    width: Type.Optional(Type.Number()),
    height: Type.Optional(Type.Number()),
    orientation: Type.Optional(Type.Number()),
    avgColor: Type.Optional(Type.String()),
  }),
  storedInternal: Nullable(Type.Boolean()),
  url: Nullable(Type.String()),
  thumbnailUrl: Nullable(Type.String()),
  webpublicUrl: Nullable(Type.String()),
  accessKey: Nullable(Type.String()),
  thumbnailAccessKey: Nullable(Type.String()),
  webpublicAccessKey: Nullable(Type.String()),
  uri: Nullable(Type.String()),
  src: Nullable(Type.String()),
  folderId: Nullable(Id),
  isSensitive: Type.Boolean(),
  isLink: Type.Boolean(),
  maybeSensitive: Type.Boolean(),
  maybePorn: Type.Boolean(),
  requestIp: Nullable(Type.String()),
  requestHeaders: Nullable(Type.Unsafe<Record<string, never>>(Type.Object({}))),
});

export const AdminServerInfoSchema = Type.Object({
  machine: Type.String(),
  os: Type.String(),
  node: Type.String(),
  psql: Type.String(),
  cpu: Type.Object({ model: Type.String(), cores: Type.Number() }),
  mem: Type.Object({ total: Type.Number() }),
  fs: Type.Object({ total: Type.Number(), used: Type.Number() }),
  net: Type.Object({ interface: Type.String() }),
});
