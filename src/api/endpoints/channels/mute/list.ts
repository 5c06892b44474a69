import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listMutedChannels } from '../../../../core/channels/channels.js';
import { packChannels } from '../../../../core/channels/pack.js';
import { ChannelSchema } from '../../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'The channels you mute now.',
  tags: ['channels', 'mutes'],
  requireCredential: true,
  kind: 'read:channels',
  params: Type.Object({}),
  res: Type.Array(ChannelSchema),
}, async ({ me, ctx }) => packChannels(ctx, await listMutedChannels(ctx, me!.id), me));
