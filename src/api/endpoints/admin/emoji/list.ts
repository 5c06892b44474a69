import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { EmojiDetailedSchema } from '../../../../core/emojis/schema.js';
import { packEmojiDetailed } from '../../../../core/emojis/pack.js';
import { listLocalEmojisPage } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'This server\'s custom emojis, newest first; `query` matches name, alias or category, or `:a::b:` names emojis exactly.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'read:admin:emoji',
  params: Type.Object({
    query: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    ...pageParams(10),
  }),
  res: Type.Array(EmojiDetailedSchema),
}, async ({ params, ctx }) => (await listLocalEmojisPage(ctx, { ...params, limit: params.limit ?? 10 })).map(packEmojiDetailed));
