import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFeaturedGalleryPosts } from '../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'The most liked gallery posts of the last three days.',
  tags: ['gallery'],
  requireCredential: false,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(GalleryPostSchema),
}, async ({ params, me, ctx }) => {
  return packGalleryPosts(ctx, await listFeaturedGalleryPosts(ctx, me, { limit: params.limit ?? 10, untilId: params.untilId }), me);
});
