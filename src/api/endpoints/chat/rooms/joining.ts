import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatRoomMembershipSchema } from '../../../../core/chat/schema.js';
import { listJoinedMemberships } from '../../../../core/chat/rooms.js';
import { packMemberships } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'The rooms you joined (your memberships), newest first.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(ChatRoomMembershipSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  return packMemberships(ctx, await listJoinedMemberships(ctx, me!.id, { ...params, limit: params.limit ?? 30 }), me!, 'room');
});
