import { Type, type Static } from '@sinclair/typebox';
import { DriveFileSchema } from '../drive/schema.js';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `GalleryPost` (test/types/gallery-pages.ts checks the fit). `isLiked` only for a signed-in viewer. */
export const GalleryPostSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  updatedAt: DateTime,
  userId: Id,
  user: UserLiteSchema,
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  fileIds: Type.Optional(Type.Array(Id)),
  files: Type.Optional(Type.Array(DriveFileSchema)),
  tags: Type.Optional(Type.Array(Type.String())),
  isSensitive: Type.Boolean(),
  likedCount: Type.Number(),
  isLiked: Type.Optional(Type.Boolean()),
});
export type GalleryPost = Static<typeof GalleryPostSchema>;
