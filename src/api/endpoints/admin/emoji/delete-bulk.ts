import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteEmojis } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Deletes custom emojis by id; unknown ids are ignored, as in Misskey.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  params: Type.Object({ ids: Type.Array(Type.String({ format: 'misskey:id' })) }),
}, async ({ params, me, ctx }) => {
  await deleteEmojis(ctx, params.ids, me!.id);
});
