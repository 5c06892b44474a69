import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { requireChat } from '../../../../chat-availability.js';
import { ChatRoomInvitationSchema } from '../../../../../core/chat/schema.js';
import { findOwnRoom, inviteToRoom } from '../../../../../core/chat/rooms.js';
import { packInvitations } from '../../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'Invites a user to a room you own.',
  tags: ['chat'],
  requireCredential: true,
  prohibitMoved: true,
  limit: { duration: 86_400_000, max: 50 },
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '916f9507-49ba-4e90-b57f-1fd4deaa47a5' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' },
    cannotInvite: { message: 'This user cannot be invited: yourself, a member already, or a block between you.', code: 'CANNOT_INVITE', id: '9c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
    tooManyInvitations: { message: 'This room has too many pending invitations.', code: 'TOO_MANY_INVITATIONS', id: '2f6e8a90-1b3c-4d5e-8f70-a1b2c3d4e5f6' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: ChatRoomInvitationSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const room = await findOwnRoom(ctx, params.roomId, me!.id) ?? fail('noSuchRoom');
  const result = await inviteToRoom(ctx, room, params.userId);
  if ('error' in result) return fail(result.error);
  const [packed] = await packInvitations(ctx, [result.invitation], me!);
  return packed!;
});
