import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listGalleryPostsOf } from '../../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'Show all gallery posts by the given user.',
  tags: ['users', 'gallery'],
  requireCredential: false,
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
  }),
  res: Type.Array(GalleryPostSchema),
}, async ({ params, me, ctx }) => {
  return packGalleryPosts(ctx, await listGalleryPostsOf(ctx, params.userId, me, { ...params, limit: params.limit ?? 10 }), me);
});
