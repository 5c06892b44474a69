import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { deleteOwnMessage } from '../../../../core/chat/messages.js';

export default defineEndpoint({
  summary: 'Deletes one of your chat messages.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchMessage: { message: 'No such message.', code: 'NO_SUCH_MESSAGE', id: '36b67f0e-66a6-414b-83df-992a55294f17' },
  },
  params: Type.Object({
    messageId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (!await deleteOwnMessage(ctx, params.messageId, me!.id)) fail('noSuchMessage');
});
