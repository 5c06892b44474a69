import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { ApiError, apiErrors } from '../../../errors.js';
import { updateGalleryPost } from '../../../../core/gallery/posts.js';
import { packGalleryPost } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'Changes the title, description, files or sensitivity of one of your gallery posts.',
  description: 'Misskey declares no error here: a post that is not yours, or a file not in your drive, is refused with `INVALID_PARAM`.',
  tags: ['gallery'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:gallery',
  limit: { duration: 3_600_000, max: 300 },
  params: Type.Object({
    postId: Type.String({ format: 'misskey:id' }),
    title: Type.Optional(Type.String({ minLength: 1 })),
    description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    fileIds: Type.Optional(Type.Array(Type.String({ format: 'misskey:id' }), { uniqueItems: true, minItems: 1, maxItems: 32 })),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: GalleryPostSchema,
}, async ({ params, me, ctx }) => {
  const { postId, ...change } = params;
  const result = await updateGalleryPost(ctx, me!.id, postId, change);
  if ('error' in result) {
    throw new ApiError(apiErrors.invalidParam, result.error === 'noSuchPost'
      ? { param: '#/properties/postId', reason: 'No such post of yours.' }
      : { param: '#/properties/fileIds', reason: 'No such file in your drive.' });
  }
  return packGalleryPost(ctx, result.post, me);
});
