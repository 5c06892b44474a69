import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { followChannel } from '../../../core/channels/channels.js';

export default defineEndpoint({
  summary: 'Follows a channel: its notes come into your home and social timelines.',
  tags: ['channels'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:channels',
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'c0031718-d573-4e85-928e-10039f1fbb68' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await followChannel(ctx, me!.id, params.channelId)) fail('noSuchChannel');
});
