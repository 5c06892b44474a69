import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFavoriteChannels } from '../../../core/channels/channels.js';
import { packChannels } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'Every channel you favourited, latest first.',
  tags: ['channels', 'account'],
  requireCredential: true,
  kind: 'read:channels',
  params: Type.Object({}),
  res: Type.Array(ChannelSchema),
}, async ({ me, ctx }) => packChannels(ctx, await listFavoriteChannels(ctx, me!.id), me));
