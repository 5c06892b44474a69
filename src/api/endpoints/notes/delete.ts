import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteNotes, findNoteById } from '../../../core/notes/delete.js';

export default defineEndpoint({
  summary: 'Deletes a note with its replies, renotes and quotes. Your own notes; moderators any.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300, minInterval: 1000 },
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '490be23f-8c1f-4796-819f-94cb4f9d1630' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: 'fe8d7103-0ea8-4ec3-814d-f8b401dc69e9' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const note = await findNoteById(ctx, params.noteId) ?? fail('noSuchNote');
  if (note.userId !== me!.id && !me!.isModerator && !me!.isAdmin) fail('accessDenied');
  await deleteNotes(ctx, [note.id]);
});
