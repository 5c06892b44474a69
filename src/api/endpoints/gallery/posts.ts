import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listGalleryPosts } from '../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'Every gallery post, newest first.',
  tags: ['gallery'],
  requireCredential: false,
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(GalleryPostSchema),
}, async ({ params, me, ctx }) => {
  return packGalleryPosts(ctx, await listGalleryPosts(ctx, me, { ...params, limit: params.limit ?? 10 }), me);
});
