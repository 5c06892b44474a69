import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { muteRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Mutes (or unmutes) a room you joined: its messages no longer make anything unread.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'c2cde4eb-8d0f-42f1-8f2f-c4d6bfc8e5df' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
    mute: Type.Boolean(),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (!await muteRoom(ctx, params.roomId, me!.id, params.mute)) fail('noSuchRoom');
});
