import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { requireChat } from '../../../chat-availability.js';
import { ChatMessageLiteFor1on1Schema } from '../../../../core/chat/schema.js';
import { readUserMessages, userTimeline } from '../../../../core/chat/messages.js';
import { packMessagesLiteFor1on1 } from '../../../../core/chat/pack.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Your conversation with a user, newest first; marks their messages read.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'read:chat',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' },
  },
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: Type.Array(ChatMessageLiteFor1on1Schema),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  const other = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  const rows = await userTimeline(ctx, me!.id, other.id, { ...params, limit: params.limit ?? 10 });
  await readUserMessages(ctx, me!.id, other.id);
  return packMessagesLiteFor1on1(ctx, rows);
});
