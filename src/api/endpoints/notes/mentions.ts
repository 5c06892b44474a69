import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { listMentions } from '../../../core/notes/read-mentions.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Notes that mention you or are addressed to you, newest first; `visibility: specified` lists direct notes.',
  tags: ['notes', 'account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({
    following: Type.Optional(Type.Boolean({ default: false })),
    ...pageParams(10),
    visibility: Type.Optional(Type.String()),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listMentions(ctx, me!, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
