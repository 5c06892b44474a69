import { Type, type Static } from '@sinclair/typebox';
import { DriveFileSchema } from '../drive/schema.js';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `PageBlock`: text, section (with child blocks), image and note blocks. */
export type PageBlock =
  | { id: string; type: 'text'; text: string }
  | { id: string; type: 'section'; title: string; children: PageBlock[] }
  | { id: string; type: 'image'; fileId: string | null }
  | { id: string; type: 'note'; detailed: boolean; note: string | null };

/**
 * The JSON Schema of a block. A section's children are described as blocks one level down only (a
 * recursive schema's `$id` would appear once per endpoint in the OpenAPI document); the static type
 * is misskey-js's recursive one.
 */
const ChildBlockSchema = Type.Object({ id: Type.String(), type: Type.String() }, { description: 'A PageBlock.' });
export const PageBlockSchema = Type.Unsafe<PageBlock>(Type.Union([
  Type.Object({ id: Type.String(), type: Type.Literal('text'), text: Type.String() }),
  Type.Object({ id: Type.String(), type: Type.Literal('section'), title: Type.String(), children: Type.Array(ChildBlockSchema) }),
  Type.Object({ id: Type.String(), type: Type.Literal('image'), fileId: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ id: Type.String(), type: Type.Literal('note'), detailed: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]) }),
]));

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
