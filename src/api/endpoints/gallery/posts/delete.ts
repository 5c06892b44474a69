import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteGalleryPost } from '../../../../core/gallery/posts.js';

export default defineEndpoint({
  summary: 'Deletes one of your gallery posts (moderators: anyone\'s).',
  tags: ['gallery'],
  requireCredential: true,
  kind: 'write:gallery',
  errors: {
    noSuchPost: { message: 'No such post.', code: 'NO_SUCH_POST', id: 'ae52f367-4bd7-4ecd-afc6-5672fff427f5' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: 'c86e09de-1c48-43ac-a435-1c7e42ed4496' },
  },
  params: Type.Object({ postId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await deleteGalleryPost(ctx, params.postId, me!);
  if (result !== 'ok') fail(result);
});
