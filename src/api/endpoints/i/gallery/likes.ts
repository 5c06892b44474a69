import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listLikedGalleryPosts } from '../../../../core/gallery/posts.js';
import { packGalleryPosts } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'The gallery posts you liked, newest like first (paged by the like\'s id).',
  tags: ['account', 'gallery'],
  requireCredential: true,
  kind: 'read:gallery-likes',
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(Type.Object({ id: Type.String({ format: 'misskey:id' }), post: GalleryPostSchema })),
}, async ({ params, me, ctx }) => {
  const likes = await listLikedGalleryPosts(ctx, me!, { ...params, limit: params.limit ?? 10 });
  const posts = await packGalleryPosts(ctx, likes.map((like) => like.post), me);
  const byId = new Map(posts.map((post) => [post.id, post]));
  return likes.flatMap((like) => { const post = byId.get(like.post.id); return post ? [{ id: like.id, post }] : []; });
});
