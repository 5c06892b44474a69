import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findChannel } from '../../../core/channels/read.js';
import { packChannel } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'One channel with its pinned notes (archived channels too).',
  tags: ['channels'],
  requireCredential: false,
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: '6f6c314b-7486-4897-8966-c04a66a02923' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
  res: ChannelSchema,
}, async ({ params, me, ctx, fail }) => {
  const channel = await findChannel(ctx, params.channelId) ?? fail('noSuchChannel');
  return packChannel(ctx, channel, me, { detailed: true });
});
