import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unfollowChannel } from '../../../core/channels/channels.js';

export default defineEndpoint({
  summary: 'Stops following a channel.',
  tags: ['channels'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:channels',
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: '19959ee9-0153-4c51-bbd9-a98c49dc59d6' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await unfollowChannel(ctx, me!.id, params.channelId)) fail('noSuchChannel');
});
