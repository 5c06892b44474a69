import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listPopularGalleryPosts } from '../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'The ten most liked gallery posts of all time.',
  tags: ['gallery'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(GalleryPostSchema),
}, async ({ me, ctx }) => {
  return packGalleryPosts(ctx, await listPopularGalleryPosts(ctx, me), me);
});
