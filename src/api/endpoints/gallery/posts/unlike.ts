import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { unlikeGalleryPost } from '../../../../core/gallery/posts.js';

export default defineEndpoint({
  summary: 'Takes back your like of a gallery post.',
  tags: ['gallery'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:gallery-likes',
  errors: {
    noSuchPost: { message: 'No such post.', code: 'NO_SUCH_POST', id: 'c32e6dd0-b555-4413-925e-b3757d19ed84' },
    notLiked: { message: 'You have not liked that post.', code: 'NOT_LIKED', id: 'e3e8e06e-be37-41f7-a5b4-87a8250288f0' },
  },
  params: Type.Object({ postId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await unlikeGalleryPost(ctx, me!, params.postId);
  if (result !== 'ok') fail(result);
});
