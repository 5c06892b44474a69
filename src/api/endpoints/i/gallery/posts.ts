import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listGalleryPostsOf } from '../../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'Your gallery posts, newest first.',
  tags: ['account', 'gallery'],
  requireCredential: true,
  kind: 'read:gallery',
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(GalleryPostSchema),
}, async ({ params, me, ctx }) => {
  return packGalleryPosts(ctx, await listGalleryPostsOf(ctx, me!.id, me, { ...params, limit: params.limit ?? 10 }), me);
});
