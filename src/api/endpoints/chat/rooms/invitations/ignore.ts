import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { requireChat } from '../../../../chat-availability.js';
import { ignoreInvitation } from '../../../../../core/chat/rooms.js';

export default defineEndpoint({
  summary: 'Ignores an invitation you received.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchRoom: { message: 'No such room.', code: 'NO_SUCH_ROOM', id: '5130557e-5a11-4cfb-9cc5-fe60cda5de0d' },
  },
  params: Type.Object({
    roomId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (!await ignoreInvitation(ctx, params.roomId, me!.id)) fail('noSuchRoom');
});
