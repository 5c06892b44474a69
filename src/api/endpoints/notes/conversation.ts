import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packNotes } from '../../../core/notes/pack.js';
import { listConversation } from '../../../core/notes/read-thread.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { findVisibleNote } from '../../../core/notes/visibility.js';

export default defineEndpoint({
  summary: 'The notes a note replies to, nearest first (ancestors you may not read appear as hidden shells).',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'e1035875-9551-45ec-afa8-1ded1fcb53c8' },
  },
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const note = await findVisibleNote(ctx, params.noteId, me) ?? fail('noSuchNote');
  const rows = await listConversation(ctx, note, { limit: params.limit ?? 10, offset: params.offset ?? 0 });
  return packNotes(ctx, rows, me);
});
