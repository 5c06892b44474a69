import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { requireChat } from '../../../../chat-availability.js';
import { ChatRoomInvitationSchema } from '../../../../../core/chat/schema.js';
import { findOwnRoom, listOutbox } from '../../../../../core/chat/rooms.js';
import { packInvitations } from '../../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'The pending invitations of a room you own, newest first.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: 'a3c6b309-9717-4316-ae94-a69b53437237' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(ChatRoomInvitationSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const room = await findOwnRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  return packInvitations(ctx, await listOutbox(ctx, room.id, { ...params, limit: params.limit ?? 30 }), me!);
});
