import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { favoriteChannel } from '../../../core/channels/channels.js';

export default defineEndpoint({
  summary: 'Adds a channel to your favourites.',
  tags: ['channels'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:channels',
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: '4938f5f3-6167-4c04-9149-6607b7542861' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await favoriteChannel(ctx, me!.id, params.channelId)) fail('noSuchChannel');
});
