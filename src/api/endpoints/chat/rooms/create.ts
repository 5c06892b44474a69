import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomSchema } from '../../../../core/chat/schema.js';
import { createRoom } from '../../../../core/chat/rooms.js';
import { packRoom } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'Creates a chat room you own.',
  tags: ['chat'],
  requireCredential: true,
  prohibitMoved: true,
  limit: { duration: 86_400_000, max: 10 },
  kind: 'write:chat',
  params: Type.Object({
    name: Type.String({ maxLength: 256 }),
    description: Type.Optional(Type.String({ maxLength: 1024 })),
  }),
  res: ChatRoomSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  return packRoom(ctx, await createRoom(ctx, me!.id, params), me);
});
