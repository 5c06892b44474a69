import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { deleteRoom, findOwnRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Deletes a room you own, with its messages.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'd4e3753d-97bf-4a19-ab8e-21080fbc0f4b' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const room = await findOwnRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  await deleteRoom(ctx, room);
});
