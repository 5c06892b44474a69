import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { NoteSchema } from '../notes/schema.js';

// Field by field as misskey-js (components.schemas.Channel) declares it; test/types/channels.ts checks the fit.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

export const ChannelSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  lastNotedAt: Nullable(DateTime),
  name: Type.String(),
  description: Nullable(Type.String()),
  userId: Nullable(Id),
  bannerUrl: Nullable(Type.String()),
  bannerId: Nullable(Id),
  pinnedNoteIds: Type.Array(Id),
  color: Type.String(),
  isArchived: Type.Boolean(),
  usersCount: Type.Number(),
  notesCount: Type.Number(),
  isSensitive: Type.Boolean(),
  allowRenoteToExternal: Type.Boolean(),
  /** The viewer's relations, present when signed in. */
  isFollowing: Type.Optional(Type.Boolean()),
  isFavorited: Type.Optional(Type.Boolean()),
  isMuting: Type.Optional(Type.Boolean()),
  /** `channels/show` only (Misskey's detailed pack). */
  pinnedNotes: Type.Optional(Type.Array(NoteSchema)),
});

export type Channel = Static<typeof ChannelSchema>;
