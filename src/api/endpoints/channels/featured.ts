import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFeaturedChannels } from '../../../core/channels/channels.js';
import { packChannels } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'The ten open channels with the most recent notes.',
  tags: ['channels'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(ChannelSchema),
}, async ({ me, ctx }) => packChannels(ctx, await listFeaturedChannels(ctx), me));
