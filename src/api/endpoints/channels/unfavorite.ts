import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unfavoriteChannel } from '../../../core/channels/channels.js';

export default defineEndpoint({
  summary: 'Removes a channel from your favourites.',
  tags: ['channels'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:channels',
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: '353c68dd-131a-476c-aa99-88a345e83668' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await unfavoriteChannel(ctx, me!.id, params.channelId)) fail('noSuchChannel');
});
