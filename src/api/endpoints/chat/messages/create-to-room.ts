import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageLiteForRoomSchema } from '../../../../core/chat/schema.js';
import { sendToRoom } from '../../../../core/chat/messages.js';
import { packMessagesLiteForRoom } from '../../../../core/chat/pack.js';
import { findViewableRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Sends a chat message to a room you own or belong to.',
  tags: ['chat'],
  requireCredential: true,
  prohibitMoved: true,
  limit: { duration: 3_600_000, max: 500 },
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '8098520d-2da5-4e8f-8ee1-df78b55a4ec6' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'b6accbd3-1d7b-4d9f-bdb7-eb185bac06db' },
    contentRequired: { message: 'Content required. You need to set text or fileId.', code: 'CONTENT_REQUIRED', id: '340517b7-6d04-42c0-bac1-37ee804e3594' },
  },
  params: Type.Object({
    text: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    fileId: Type.Optional(Type.String({ format: 'misskey:id' })),
    toRoomId: Type.String({ format: 'misskey:id' }),
  }),
  res: ChatMessageLiteForRoomSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const room = await findViewableRoom(ctx, params.toRoomId, me!.id) ?? fail('noSuchRoom');
  const result = await sendToRoom(ctx, me!, room, params);
  if ('error' in result) return fail(result.error);
  const [packed] = await packMessagesLiteForRoom(ctx, [result.message], me);
  return packed!;
});
