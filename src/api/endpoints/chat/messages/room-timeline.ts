import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageLiteForRoomSchema } from '../../../../core/chat/schema.js';
import { readRoomMessages, roomTimeline } from '../../../../core/chat/messages.js';
import { packMessagesLiteForRoom } from '../../../../core/chat/pack.js';
import { findViewableRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'The messages of a room you own or belong to, newest first; marks the room read.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'c4d9f88c-9270-4632-b032-6ed8cee36f7f' },
  },
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    roomId: Type.String({ format: 'misskey:id' }),
  }),
  res: Type.Array(ChatMessageLiteForRoomSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const room = await findViewableRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  const rows = await roomTimeline(ctx, room.id, { ...params, limit: params.limit ?? 10 });
  await readRoomMessages(ctx, me!.id, room.id);
  return packMessagesLiteForRoom(ctx, rows, me);
});
