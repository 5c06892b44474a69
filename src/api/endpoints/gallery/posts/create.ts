import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { ApiError, apiErrors } from '../../../errors.js';
import { createGalleryPost } from '../../../../core/gallery/posts.js';
import { packGalleryPost } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'Posts 1–32 files of your drive to the gallery.',
  description: 'A file that is not in your drive is refused with `INVALID_PARAM` (Misskey declares no error and fails with a 500).',
  tags: ['gallery'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:gallery',
  limit: { duration: 3_600_000, max: 20 },
  params: Type.Object({
    title: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    fileIds: Type.Array(Type.String({ format: 'misskey:id' }), { uniqueItems: true, minItems: 1, maxItems: 32 }),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: GalleryPostSchema,
}, async ({ params, me, ctx }) => {
  const post = await createGalleryPost(ctx, me!.id, params);
  if (!post) throw new ApiError(apiErrors.invalidParam, { param: '#/properties/fileIds', reason: 'No such file in your drive.' });
  return packGalleryPost(ctx, post, me);
});
