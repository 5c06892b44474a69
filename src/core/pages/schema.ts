import { Type, type Static } from '@sinclair/typebox';
import { DriveFileSchema } from '../drive/schema.js';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `PageBlock`: text, section (with child blocks), image and note blocks. */
export const PageBlockSchema = Type.Recursive((Block) => Type.Union([
  Type.Object({ id: Type.String(), type: Type.Literal('text'), text: Type.String() }),
  Type.Object({ id: Type.String(), type: Type.Literal('section'), title: Type.String(), children: Type.Array(Block) }),
  Type.Object({ id: Type.String(), type: Type.Literal('image'), fileId: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ id: Type.String(), type: Type.Literal('note'), detailed: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]) }),
]), { $id: 'PageBlock' });

/** misskey-js `Page` (test/types/gallery-pages.ts checks the fit). `isLiked` only for a signed-in viewer. */
export const PageSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  updatedAt: DateTime,
  userId: Id,
  user: UserLiteSchema,
  content: Type.Array(PageBlockSchema),
  variables: Type.Array(Type.Record(Type.String(), Type.Never())),
  title: Type.String(),
  name: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  hideTitleWhenPinned: Type.Boolean(),
  alignCenter: Type.Boolean(),
  font: Type.Union([Type.Literal('serif'), Type.Literal('sans-serif')]),
  script: Type.String(),
  eyeCatchingImageId: Type.Union([Id, Type.Null()]),
  eyeCatchingImage: Type.Union([DriveFileSchema, Type.Null()]),
  attachedFiles: Type.Array(DriveFileSchema),
  likedCount: Type.Number(),
  isLiked: Type.Optional(Type.Boolean()),
});
export type Page = Static<typeof PageSchema>;
