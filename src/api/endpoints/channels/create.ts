import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createChannel } from '../../../core/channels/channels.js';
import { packChannel } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'Creates a topic channel you own (role policy `canCreateChannel`).',
  tags: ['channels'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:channels',
  requireRolePolicy: 'canCreateChannel',
  limit: { duration: 3_600_000, max: 10 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'cd1e9f3e-5a12-4ab4-96f6-5d0a2cc32050' },
  },
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()])),
    bannerId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    color: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    isSensitive: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    allowRenoteToExternal: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  }),
  res: ChannelSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createChannel(ctx, me!.id, params);
  if ('error' in result) return fail(result.error);
  return packChannel(ctx, result.channel, me);
});
