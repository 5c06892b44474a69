import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findVisibleGalleryPost } from '../../../../core/gallery/posts.js';
import { packGalleryPost } from '../../../../core/gallery/pack.js';
import { GalleryPostSchema } from '../../../../core/gallery/schema.js';

export default defineEndpoint({
  summary: 'A gallery post.',
  tags: ['gallery'],
  requireCredential: false,
  errors: {
    noSuchPost: { message: 'No such post.', code: 'NO_SUCH_POST', id: '1137bf14-c5b0-4604-85bb-5b5371b1cd45' },
  },
  params: Type.Object({ postId: Type.String({ format: 'misskey:id' }) }),
  res: GalleryPostSchema,
}, async ({ params, me, ctx, fail }) => {
  const post = await findVisibleGalleryPost(ctx, params.postId, me) ?? fail('noSuchPost');
  return packGalleryPost(ctx, post, me);
});
