import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomSchema } from '../../../../core/chat/schema.js';
import { listOwnedRooms } from '../../../../core/chat/rooms.js';
import { packRooms } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'The rooms you own, newest first.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(ChatRoomSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  return packRooms(ctx, await listOwnedRooms(ctx, me!.id, { ...params, limit: params.limit ?? 30 }), me);
});
