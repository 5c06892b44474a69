import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { searchChannels } from '../../../core/channels/channels.js';
import { packChannels } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'Open channels whose name (or name or description) contains the query.',
  tags: ['channels'],
  requireCredential: false,
  params: Type.Object({
    query: Type.String(),
    type: Type.Optional(Type.Union([Type.Literal('nameAndDescription'), Type.Literal('nameOnly')], { default: 'nameAndDescription' })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 5 })),
  }),
  res: Type.Array(ChannelSchema),
}, async ({ params, me, ctx }) => {
  const rows = await searchChannels(ctx, params.query, params.type ?? 'nameAndDescription', { sinceId: params.sinceId, untilId: params.untilId, limit: params.limit ?? 5 });
  return packChannels(ctx, rows, me);
});
