import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { unmuteChannel } from '../../../../core/channels/channels.js';

export default defineEndpoint({
  summary: 'Unmutes a channel.',
  tags: ['channels', 'mutes'],
  requireCredential: true,
  kind: 'write:channels',
  // Not in ../shared/spec (misskey-js-only endpoint): Mikan's own ids, see docs/decisions.md.
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'a229edb8-0631-442f-b052-db0c53634f1e' },
    notMuting: { message: 'You are not muting that channel.', code: 'NOT_MUTING_CHANNEL', id: '45edc5a5-e381-42ff-9c07-adcce37a1b69' },
  },
  params: Type.Object({ channelId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await unmuteChannel(ctx, me!.id, params.channelId);
  if (result !== 'ok') fail(result);
});
