import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { findReadableMessage, setReaction } from '../../../../core/chat/messages.js';

export default defineEndpoint({
  summary: 'Removes your reaction from a chat message you can read.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchMessage: { message: 'No such message.', code: 'NO_SUCH_MESSAGE', id: 'c39ea42f-e3ca-428a-ad57-390e0a711595' },
  },
  params: Type.Object({
    messageId: Type.String({ format: 'misskey:id' }),
    reaction: Type.String(),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const message = await findReadableMessage(ctx, params.messageId, me!.id) ?? fail('noSuchMessage');
  await setReaction(ctx, message, me!, params.reaction, false);
});
