import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ format: 'misskey:id' });

export const ANTENNA_SOURCES = ['home', 'all', 'users', 'list', 'users_blacklist'] as const;

/** misskey-js `Antenna` (test/types/antennas.ts checks the fit). */
export const AntennaSchema = Type.Object({
  id: Id,
  createdAt: Type.String({ format: 'date-time' }),
  name: Type.String(),
  keywords: Type.Array(Type.Array(Type.String())),
  excludeKeywords: Type.Array(Type.Array(Type.String())),
  src: Type.Union(ANTENNA_SOURCES.map((source) => Type.Literal(source))),
  userListId: Type.Union([Id, Type.Null()]),
  users: Type.Array(Type.String()),
  caseSensitive: Type.Boolean(),
  localOnly: Type.Boolean(),
  excludeBots: Type.Boolean(),
  withReplies: Type.Boolean(),
  withFile: Type.Boolean(),
  isActive: Type.Boolean(),
  hasUnreadNote: Type.Boolean(),
  notify: Type.Boolean(),
  excludeNotesInSensitiveChannel: Type.Boolean(),
});
export type Antenna = Static<typeof AntennaSchema>;

/** The fields `antennas/create` takes (and `antennas/update`, all optional there), as Misskey declares them. */
export const antennaFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  src: Type.Union(ANTENNA_SOURCES.map((source) => Type.Literal(source))),
  userListId: Type.Optional(Type.Union([Id, Type.Null()])),
  keywords: Type.Array(Type.Array(Type.String())),
  excludeKeywords: Type.Array(Type.Array(Type.String())),
  users: Type.Array(Type.String()),
  caseSensitive: Type.Boolean(),
  localOnly: Type.Optional(Type.Boolean()),
  excludeBots: Type.Optional(Type.Boolean()),
  withReplies: Type.Boolean(),
  withFile: Type.Boolean(),
  excludeNotesInSensitiveChannel: Type.Optional(Type.Boolean()),
};
