import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packNote } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { findNoteForShow } from '../../../core/notes/show.js';

export default defineEndpoint({
  summary: 'Shows one note; one you may not read comes back hidden (isHidden, without its content).',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d' },
    signinRequired: { message: 'Signin required.', code: 'SIGNIN_REQUIRED', id: '8e75455b-738c-471d-9f80-62693f33372e' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
  res: NoteSchema,
}, async ({ params, me, ctx, fail }) => {
  const found = await findNoteForShow(ctx, params.noteId, me);
  if (found === 'signinRequired') return fail('signinRequired');
  return packNote(ctx, found ?? fail('noSuchNote'), me);
});
