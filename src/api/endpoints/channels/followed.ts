import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFollowedChannels } from '../../../core/channels/channels.js';
import { packChannels } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'Channels you follow, latest follow first (paged by the follow).',
  tags: ['channels', 'account'],
  requireCredential: true,
  kind: 'read:channels',
  params: Type.Object({
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 5 })),
  }),
  res: Type.Array(ChannelSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFollowedChannels(ctx, me!.id, { ...params, limit: params.limit ?? 5 });
  return packChannels(ctx, rows, me);
});
