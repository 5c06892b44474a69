import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { MAX_DATE_MS } from '../../../validate.js';
import { muteChannel } from '../../../../core/channels/channels.js';

export default defineEndpoint({
  summary: "Mutes a channel: its notes leave your timelines (until `expiresAt`, if given).",
  tags: ['channels', 'mutes'],
  requireCredential: true,
  kind: 'write:channels',
  // Not in ../shared/spec (misskey-js-only endpoint): Mikan's own ids, see docs/decisions.md.
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'de623e9a-59e8-4448-997d-ff4074b54bc1' },
    alreadyMuting: { message: 'You are already muting that channel.', code: 'ALREADY_MUTING_CHANNEL', id: 'ebd08e75-56f6-47a4-bd5f-a0539f8e5b0e' },
  },
  params: Type.Object({
    channelId: Type.String({ format: 'misskey:id' }),
    expiresAt: Type.Optional(Type.Union([Type.Integer({ maximum: MAX_DATE_MS }), Type.Null()], { description: 'Unix time in ms; null or absent mutes forever.' })),
  }),
}, async ({ params, me, ctx, fail }) => {
  // As `mute/create`: an expiry already in the past mutes nothing.
  if (params.expiresAt != null && params.expiresAt <= Date.now()) return;
  const result = await muteChannel(ctx, me!.id, params.channelId, params.expiresAt != null ? new Date(params.expiresAt) : null);
  if (result !== 'ok') fail(result);
});
