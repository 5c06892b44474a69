import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { UserLiteSchema } from '../users/schema.js';
import { DriveFileSchema } from '../drive/schema.js';

// Field by field as misskey-js (components.schemas.Note) declares it; test/types/notes.ts checks the fit.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

export const NoteVisibilitySchema = Type.Union([
  Type.Literal('public'), Type.Literal('home'), Type.Literal('followers'), Type.Literal('specified'),
]);

/** misskey-js spells the last value this way (Misskey's own enum); stored as given. */
export const ReactionAcceptanceSchema = Nullable(Type.Union([
  Type.Literal('likeOnly'), Type.Literal('likeOnlyForRemote'), Type.Literal('nonSensitiveOnly'),
  Type.Literal('nonSensitiveOnlyForLocalLikeOnlyForRemote'),
]));

export const NotePollSchema = Type.Object({
  expiresAt: Type.Optional(Nullable(DateTime)),
  multiple: Type.Boolean(),
  choices: Type.Array(Type.Object({ isVoted: Type.Boolean(), text: Type.String(), votes: Type.Number() })),
});

export const NoteChannelSchema = Type.Object({
  id: Id,
  name: Type.String(),
  color: Type.String(),
  isSensitive: Type.Boolean(),
  allowRenoteToExternal: Type.Boolean(),
  userId: Nullable(Id),
});

const noteFields = {
  id: Id,
  createdAt: DateTime,
  deletedAt: Type.Optional(Nullable(DateTime)),
  text: Nullable(Type.String()),
  cw: Type.Optional(Nullable(Type.String())),
  userId: Id,
  user: UserLiteSchema,
  replyId: Type.Optional(Nullable(Id)),
  renoteId: Type.Optional(Nullable(Id)),
  isHidden: Type.Optional(Type.Boolean()),
  visibility: NoteVisibilitySchema,
  mentions: Type.Optional(Type.Array(Id)),
  visibleUserIds: Type.Optional(Type.Array(Id)),
  fileIds: Type.Optional(Type.Array(Id)),
  files: Type.Optional(Type.Array(DriveFileSchema)),
  tags: Type.Optional(Type.Array(Type.String())),
  poll: Type.Optional(Nullable(NotePollSchema)),
  emojis: Type.Optional(Type.Record(Type.String(), Type.String())),
  channelId: Type.Optional(Nullable(Id)),
  channel: Type.Optional(Nullable(NoteChannelSchema)),
  localOnly: Type.Optional(Type.Boolean()),
  reactionAcceptance: ReactionAcceptanceSchema,
  reactionEmojis: Type.Record(Type.String(), Type.String()),
  reactions: Type.Record(Type.String(), Type.Number()),
  reactionCount: Type.Number(),
  renoteCount: Type.Number(),
  repliesCount: Type.Number(),
  uri: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  reactionAndUserPairCache: Type.Optional(Type.Array(Type.String())),
  clippedCount: Type.Optional(Type.Number()),
  hasPoll: Type.Optional(Type.Boolean()),
  myReaction: Type.Optional(Nullable(Type.String())),
};

/** The deepest embedded level: a renote's renote/reply, packed without further targets. */
const NoteLevel2Schema = Type.Object(noteFields);
const NoteLevel1Schema = Type.Object({
  ...noteFields,
  reply: Type.Optional(Nullable(NoteLevel2Schema)),
  renote: Type.Optional(Nullable(NoteLevel2Schema)),
});

/**
 * A packed note (misskey-js `entities.Note`). `reply` and `renote` are notes themselves; a target
 * the viewer may not read is a hidden shell (`isHidden: true`, no text/cw/files/poll), as Misskey
 * packs it. misskey-js types the nesting as recursive; packing goes two levels deep (a renote's own
 * reply and renote, as Misskey's detail packing shows them), so the schema is written out to that
 * depth instead of as a recursive schema with an `$id` (one Ajv instance compiles every endpoint's
 * response schema, and a shared `$id` would collide there).
 */
export const NoteSchema = Type.Object({
  ...noteFields,
  reply: Type.Optional(Nullable(NoteLevel1Schema)),
  renote: Type.Optional(Nullable(NoteLevel1Schema)),
});

export type Note = Static<typeof NoteSchema>;
export type NotePoll = Static<typeof NotePollSchema>;
