import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { requireChat } from '../../chat-availability.js';
import { readAll } from '../../../core/chat/messages.js';

export default defineEndpoint({
  summary: 'Marks every chat message to you, and every room you belong to, read.',
  tags: ['chat'],
  requireCredential: true,
  kind: 'write:chat',
  params: Type.Object({
  }),
}, async ({ params, me, ctx, fail }) => {
  await requireChat(ctx, me!.id, 'read');
  await readAll(ctx, me!.id);
});
