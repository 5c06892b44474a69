import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomSchema } from '../../../../core/chat/schema.js';
import { findRoom } from '../../../../core/chat/rooms.js';
import { packRoom } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'A chat room.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '857ae02f-8759-4d20-9adb-6e95fffe4fd7' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
  }),
  res: ChatRoomSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const room = await findRoom(ctx, params.roomId) ?? fail('noSuchRoom');
  return packRoom(ctx, room, me);
});
