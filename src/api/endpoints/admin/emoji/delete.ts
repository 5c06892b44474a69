import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteEmojis } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Deletes a custom emoji; `emojiDeleted` goes out on every streaming connection.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  errors: {
    noSuchEmoji: { message: 'No such emoji.', code: 'NO_SUCH_EMOJI', id: 'be83669b-773a-44b7-b1f8-e5e5170ac3c2' },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const removed = await deleteEmojis(ctx, [params.id], me!.id);
  if (removed.length === 0) fail('noSuchEmoji');
});
