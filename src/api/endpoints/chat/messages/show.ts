import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageSchema } from '../../../../core/chat/schema.js';
import { findReadableMessage } from '../../../../core/chat/messages.js';
import { packMessagesDetailed } from '../../../../core/chat/pack.js';

export default defineEndpoint({
  summary: 'One chat message you sent, received, or that was sent to a room you can view.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchMessage: { message: 'No such message.', code: 'NO_SUCH_MESSAGE', id: '3710865b-1848-4da9-8d61-cfed15510b93' },
  },
  params: Type.Object({
    messageId: Type.String({ format: 'misskey:id' }),
  }),
  res: ChatMessageSchema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const message = await findReadableMessage(ctx, params.messageId, me!.id) ?? fail('noSuchMessage');
  const [packed] = await packMessagesDetailed(ctx, [message], me!);
  return packed ?? fail('noSuchMessage');
});
