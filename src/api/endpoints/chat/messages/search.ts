import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageSchema } from '../../../../core/chat/schema.js';
import { searchMessages } from '../../../../core/chat/messages.js';
import { packMessagesDetailed } from '../../../../core/chat/pack.js';
import { findViewableRoom } from '../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Searches the text of your chat messages: with one user, in one room, or everywhere you chat.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '460b3669-81b0-4dc9-a997-44442141bf83' },
  },
  params: Type.Object({
    query: Type.String({ minLength: 1, maxLength: 256 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    roomId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: Type.Array(ChatMessageSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  if (params.roomId) await findViewableRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  const rows = await searchMessages(ctx, me!.id, params.query, { limit: params.limit ?? 10, otherId: params.userId, roomId: params.roomId });
  return packMessagesDetailed(ctx, rows, me!);
});
