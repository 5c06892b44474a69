import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { updateEmojisInBulk } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Sets the category of custom emojis by id (`null` resets it); unknown ids are ignored, as in Misskey.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  params: Type.Object({
    ids: Type.Array(Type.String({ format: 'misskey:id' })),
    category: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, ctx }) => {
  await updateEmojisInBulk(ctx, params.ids, { kind: 'setCategory', category: params.category ?? null });
});
