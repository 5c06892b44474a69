import { Type, type Static } from '@sinclair/typebox';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `Clip` (test/types/clips.ts checks the fit). `isFavorited` only for a signed-in viewer. */
export const ClipSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  lastClippedAt: Type.Union([DateTime, Type.Null()]),
  userId: Id,
  user: UserLiteSchema,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  isPublic: Type.Boolean(),
  favoritedCount: Type.Number(),
  isFavorited: Type.Optional(Type.Boolean()),
  notesCount: Type.Optional(Type.Number()),
});
export type Clip = Static<typeof ClipSchema>;
