import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomMembershipSchema } from '../../../../core/chat/schema.js';
import { findViewableRoom, listMembers } from '../../../../core/chat/rooms.js';
import { packMemberships } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'The members of a room you own or belong to (the owner is not a member).',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '7b9fe84c-eafc-4d21-bf89-485458ed2c18' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(ChatRoomMembershipSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const room = await findViewableRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  return packMemberships(ctx, await listMembers(ctx, room.id, { ...params, limit: params.limit ?? 30 }), me!, 'user');
});
