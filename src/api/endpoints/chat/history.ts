import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { requireChat } from '../../chat-availability.js';
import { ChatMessageSchema } from '../../../core/chat/schema.js';
import { history } from '../../../core/chat/messages.js';
import { packMessagesDetailed } from '../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'Your conversations: the newest message with each user (or of each room with `room`), newest first.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    room: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Array(ChatMessageSchema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const rows = await history(ctx, me!.id, params.room ?? false, params.limit ?? 10);
  return packMessagesDetailed(ctx, rows, me!);
});
