import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findVisibleNote } from '../../../core/notes/visibility.js';
import { NoteReactionSchema, packNoteReactions } from '../../../core/reactions/pack.js';
import { listNoteReactions } from '../../../core/reactions/reactions.js';

export default defineEndpoint({
  summary: 'Who reacted to a note, newest first; `type` keeps one reaction (`:name@.:` or `:name:` for this server\'s emoji).',
  tags: ['notes', 'reactions'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '263fff3d-d0e1-4af4-bea7-8408059b451a' },
  },
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    ...pageParams(10),
  }),
  res: Type.Array(NoteReactionSchema),
}, async ({ params, me, ctx, fail }) => {
  const note = await findVisibleNote(ctx, params.noteId, me) ?? fail('noSuchNote');
  const rows = await listNoteReactions(ctx, note.id, { ...params, limit: params.limit ?? 10 });
  return packNoteReactions(ctx, rows);
});
