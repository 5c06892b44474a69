import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { leaveRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Leaves a room you joined.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'cb7f3179-50e8-4389-8c30-dbe2650a67c9' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (!await leaveRoom(ctx, params.roomId, me!.id)) fail('noSuchRoom');
});
