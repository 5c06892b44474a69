import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { listReplies } from '../../../core/notes/read-thread.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Direct replies to a note that you may read, newest first.',
  tags: ['notes'],
  requireCredential: false,
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listReplies(ctx, params.noteId, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
