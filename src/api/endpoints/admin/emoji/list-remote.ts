import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { EmojiDetailedSchema } from '../../../../core/emojis/schema.js';
import { packEmojiDetailed } from '../../../../core/emojis/pack.js';
import { listRemoteEmojisPage } from '../../../../core/emojis/manage.js';

export default defineEndpoint({
  summary: 'Custom emojis of other servers, newest first: of `host`, or of every other server when `host` is null (as Misskey).',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'read:admin:emoji',
  params: Type.Object({
    query: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    host: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    ...pageParams(10),
  }),
  res: Type.Array(EmojiDetailedSchema),
}, async ({ params, ctx }) => (await listRemoteEmojisPage(ctx, { ...params, limit: params.limit ?? 10 })).map(packEmojiDetailed));
