import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { packNotes } from '../../../../core/notes/pack.js';
import { NoteSchema } from '../../../../core/notes/schema.js';
import { recommendPolls } from '../../../../core/polls/recommendation.js';

export default defineEndpoint({
  summary: 'Open polls by other local users that you have not voted in yet, newest first.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0, minimum: 0 })),
    excludeChannels: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await recommendPolls(ctx, me!, { limit: params.limit ?? 10, offset: params.offset ?? 0, excludeChannels: params.excludeChannels ?? false });
  return packNotes(ctx, rows, me);
});
