import { Type, type Static } from '@sinclair/typebox';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `Flash` (test/types/flashes.ts checks the fit). `isLiked` only for a signed-in viewer. */
export const FlashSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  updatedAt: DateTime,
  userId: Id,
  user: UserLiteSchema,
  title: Type.String(),
  summary: Type.String(),
  script: Type.String(),
  visibility: Type.Union([Type.Literal('private'), Type.Literal('public')]),
  likedCount: Type.Number(),
  isLiked: Type.Optional(Type.Boolean()),
});
export type Flash = Static<typeof FlashSchema>;
