import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageLiteFor1on1Schema } from '../../../../core/chat/schema.js';
import { sendToUser } from '../../../../core/chat/messages.js';
import { packMessagesLiteFor1on1 } from '../../../../core/chat/pack.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Sends a chat message to a user (their `chatScope` and blocks decide whether they accept it).',
  tags: ['chat'],
  requireCredential: true,
  prohibitMoved: true,
  limit: { duration: 3_600_000, max: 500 },
  kind: 'write:chat',
  errors: {
    recipientIsYourself: { message: 'You can not send a message to yourself.', code: 'RECIPIENT_IS_YOURSELF', id: '17e2ba79-e22a-4cbc-bf91-d327643f4a7e' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '4372b8e2-185d-4146-8749-2f68864a3e5f' },
    contentRequired: { message: 'Content required. You need to set text or fileId.', code: 'CONTENT_REQUIRED', id: '25587321-b0e6-449c-9239-f8925092942c' },
    youHaveBeenBlocked: { message: 'You cannot send a message because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'c15a5199-7422-4968-941a-2a462c478f7d' },
    recipientRefusesChat: { message: 'This user does not accept chat messages from you (their chatScope, their chat availability, or your block).', code: 'RECIPIENT_REFUSES_CHAT', id: '4a4e7c1e-3c0f-4d6b-9f55-2d0c1f6a7b21' },
  },
  params: Type.Object({
    text: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    fileId: Type.Optional(Type.String({ format: 'misskey:id' })),
    toUserId: Type.String({ format: 'misskey:id' }),
  }),
  res: ChatMessageLiteFor1on1Schema,
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'write');
  if (params.toUserId === me!.id) fail('recipientIsYourself');
  const recipient = await findUserById(ctx, params.toUserId) ?? fail('noSuchUser');
  const result = await sendToUser(ctx, me!, recipient, params);
  if ('error' in result) return fail(result.error);
  const [packed] = await packMessagesLiteFor1on1(ctx, [result.message]);
  return packed!;
});
