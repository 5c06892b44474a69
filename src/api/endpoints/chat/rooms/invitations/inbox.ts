import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { requireChat } from '../../../../chat-availability.js';
import { ChatRoomInvitationSchema } from '../../../../../core/chat/schema.js';
import { listInbox } from '../../../../../core/chat/rooms.js';
import { packInvitations } from '../../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'The room invitations you received and have not ignored, newest first.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(ChatRoomInvitationSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  return packInvitations(ctx, await listInbox(ctx, me!.id, { ...params, limit: params.limit ?? 30 }), me!);
});
