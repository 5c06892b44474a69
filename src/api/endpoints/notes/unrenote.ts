import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findNoteById, unrenote } from '../../../core/notes/delete.js';

export default defineEndpoint({
  summary: 'Takes back your renotes of a note.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300, minInterval: 1000 },
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'efd4a259-2442-496b-8dd7-b255aa1a160f' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const note = await findNoteById(ctx, params.noteId) ?? fail('noSuchNote');
  await unrenote(ctx, me!.id, note.id);
});
