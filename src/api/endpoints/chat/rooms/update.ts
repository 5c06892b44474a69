import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomSchema } from '../../../../core/chat/schema.js';
import { findOwnRoom, updateRoom } from '../../../../core/chat/rooms.js';
import { packRoom } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'Renames or describes a room you own.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'fcdb0f92-bda6-47f9-bd05-343e0e020932' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ maxLength: 256 })),
    description: Type.Optional(Type.String({ maxLength: 1024 })),
  }),
  res: ChatRoomSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const room = await findOwnRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  return packRoom(ctx, await updateRoom(ctx, room, params), me);
});
