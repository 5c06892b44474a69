import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { joinRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Joins a room you were invited to.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '84416476-5ce8-4a2c-b568-9569f1b10733' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (!await joinRoom(ctx, params.roomId, me!.id)) fail('noSuchRoom');
});
