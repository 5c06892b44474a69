import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { findReadableMessage, setReaction } from '../../../../core/chat/messages.js';

export default defineEndpoint({
  summary: 'Adds a reaction to a chat message you can read.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  errors: {
    noSuchMessage: { message: 'No such message.', code: 'NO_SUCH_MESSAGE', id: '9b5839b9-0ba0-4351-8c35-37082093d200' },
  },
  params: Type.Object({
    messageId: Type.String({ format: 'misskey:id' }),
    reaction: Type.String(),
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  const message = await findReadableMessage(ctx, params.messageId, me!.id) ?? fail('noSuchMessage');
  await setReaction(ctx, message, me!, params.reaction, true);
});
