import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updateChannel } from '../../../core/channels/channels.js';
import { packChannel } from '../../../core/channels/pack.js';
import { ChannelSchema } from '../../../core/channels/schema.js';

export default defineEndpoint({
  summary: 'Changes a channel you own (moderators: any channel): name, description, banner, colour, pinned notes, archiving.',
  tags: ['channels'],
  requireCredential: true,
  kind: 'write:channels',
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'f9c5467f-d492-4c3c-9a8d-a70dacc86512' },
    accessDenied: { message: 'You do not have edit privilege of the channel.', code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fdf-b8df-057788cce513' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'e86c14a4-0da2-4032-8df3-e737a04c7f3b' },
  },
  params: Type.Object({
    channelId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    description: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()])),
    bannerId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    isArchived: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    pinnedNoteIds: Type.Optional(Type.Array(Type.String({ format: 'misskey:id' }))),
    color: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    isSensitive: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    allowRenoteToExternal: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  }),
  res: ChannelSchema,
}, async ({ params, me, ctx, fail }) => {
  const { channelId, ...changes } = params;
  const result = await updateChannel(ctx, me!, channelId, changes);
  if ('error' in result) return fail(result.error);
  return packChannel(ctx, result.channel, me);
});
