import { defineEndpoint } from '../../../define.js';
import { bulkAliasParams } from '../../../emoji-params.js';
import { updateEmojisInBulk } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Bulk alias change (`removeAliases`) on custom emojis by id; unknown ids are ignored, as in Misskey.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  params: bulkAliasParams,
}, async ({ params, ctx }) => {
  await updateEmojisInBulk(ctx, params.ids, { kind: 'removeAliases', aliases: params.aliases });
});
