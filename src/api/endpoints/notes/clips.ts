import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { publicClipsOfNote } from '../../../core/clips/clip-notes.js';
import { packClips } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'Public clips that hold a note you can read (at most 10).',
  tags: ['notes', 'clips'],
  requireCredential: false,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '47db1a1c-b0af-458d-8fb4-986e4efafe1e' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Array(ClipSchema),
}, async ({ params, me, ctx, fail }) => {
  const clips = await publicClipsOfNote(ctx, params.noteId, me) ?? fail('noSuchNote');
  return packClips(ctx, clips, me);
});
