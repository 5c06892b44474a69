import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { listRenotes } from '../../../core/notes/read-thread.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { findVisibleNote } from '../../../core/notes/visibility.js';

export default defineEndpoint({
  summary: 'Renotes and quotes of a note that you may read, newest first.',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '12908022-2e21-46cd-ba6a-3edaf6093f46' },
  },
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    userId: Type.Optional(Type.String({ format: 'misskey:id' })),
    ...pageParams(10),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const note = await findVisibleNote(ctx, params.noteId, me) ?? fail('noSuchNote');
  const rows = await listRenotes(ctx, note.id, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
