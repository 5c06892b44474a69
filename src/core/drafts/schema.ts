import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DriveFileSchema } from '../drive/schema.js';
import { NoteChannelSchema, NoteSchema, NoteVisibilitySchema, ReactionAcceptanceSchema } from '../notes/schema.js';
import { UserLiteSchema } from '../users/schema.js';

// As misskey-js declares components.schemas.NoteDraft; test/types/ checks the fit.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });

export const NoteDraftSchema = Type.Object({
  id: Id,
  createdAt: Type.String({ format: 'date-time' }),
  text: Nullable(Type.String()),
  cw: Nullable(Type.String()),
  userId: Id,
  user: UserLiteSchema,
  replyId: Nullable(Id),
  renoteId: Nullable(Id),
  reply: Type.Optional(Nullable(NoteSchema)),
  renote: Type.Optional(Nullable(NoteSchema)),
  visibility: NoteVisibilitySchema,
  visibleUserIds: Type.Array(Id),
  fileIds: Type.Array(Id),
  files: Type.Optional(Type.Array(DriveFileSchema)),
  hashtag: Nullable(Type.String()),
  poll: Nullable(Type.Object({
    expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    expiredAfter: Type.Optional(Nullable(Type.Integer())),
    multiple: Type.Boolean(),
    choices: Type.Array(Type.String()),
  })),
  channelId: Nullable(Id),
  channel: Type.Optional(Nullable(NoteChannelSchema)),
  localOnly: Type.Boolean(),
  reactionAcceptance: ReactionAcceptanceSchema,
  scheduledAt: Nullable(Type.Number()),
  isActuallyScheduled: Type.Boolean(),
});
export type NoteDraft = Static<typeof NoteDraftSchema>;

/** The request fields notes/drafts/create and update share (misskey-js's typings). */
export const draftFields = {
  visibility: Type.Optional(NoteVisibilitySchema),
  visibleUserIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
  cw: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  hashtag: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  localOnly: Type.Optional(Type.Boolean()),
  reactionAcceptance: Type.Optional(ReactionAcceptanceSchema),
  replyId: Type.Optional(Nullable(Id)),
  renoteId: Type.Optional(Nullable(Id)),
  channelId: Type.Optional(Nullable(Id)),
  text: Type.Optional(Nullable(Type.String({ maxLength: 3000 }))),
  fileIds: Type.Optional(Type.Array(Id, { uniqueItems: true, maxItems: 16 })),
  poll: Type.Optional(Nullable(Type.Object({
    choices: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, minItems: 2, maxItems: 10 }),
    multiple: Type.Optional(Type.Boolean()),
    expiresAt: Type.Optional(Nullable(Type.Integer())),
    expiredAfter: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  }))),
  scheduledAt: Type.Optional(Nullable(Type.Integer())),
  isActuallyScheduled: Type.Optional(Type.Boolean()),
};
