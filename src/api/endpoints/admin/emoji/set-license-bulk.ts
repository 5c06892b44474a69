import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { updateEmojisInBulk } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Sets the license of custom emojis by id (`null` resets it); unknown ids are ignored, as in Misskey.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  params: Type.Object({
    ids: Type.Array(Type.String({ format: 'misskey:id' })),
    license: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, ctx }) => {
  await updateEmojisInBulk(ctx, params.ids, { kind: 'setLicense', license: params.license ?? null });
});
