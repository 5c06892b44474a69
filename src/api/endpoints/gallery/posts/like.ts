import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { likeGalleryPost } from '../../../../core/gallery/posts.js';

export default defineEndpoint({
  summary: 'Likes someone else\'s gallery post.',
  tags: ['gallery'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:gallery-likes',
  errors: {
    noSuchPost: { message: 'No such post.', code: 'NO_SUCH_POST', id: '56c06af3-1287-442f-9701-c93f7c4a62ff' },
    yourPost: { message: 'You cannot like your post.', code: 'YOUR_POST', id: 'f78f1511-5ebc-4478-a888-1198d752da68' },
    alreadyLiked: { message: 'The post has already been liked.', code: 'ALREADY_LIKED', id: '40e9ed56-a59c-473a-bf3f-f289c54fb5a7' },
  },
  params: Type.Object({ postId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await likeGalleryPost(ctx, me!, params.postId);
  if (result !== 'ok') fail(result);
});
