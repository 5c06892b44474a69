import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findOwnClip } from '../../../core/clips/clips.js';
import { removeNoteFromClip } from '../../../core/clips/clip-notes.js';

export default defineEndpoint({
  summary: 'Removes a note from one of your clips (a note not in it is no error).',
  tags: ['clips', 'notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: 'b80525c6-97f7-49d7-a42d-ebccd49cfd52' },
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'aff017de-190e-434b-893e-33a9ff5049d8' },
  },
  params: Type.Object({
    clipId: Type.String({ format: 'misskey:id' }),
    noteId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const clip = await findOwnClip(ctx, params.clipId, me!.id) ?? fail('noSuchClip');
  if (await removeNoteFromClip(ctx, clip, me!, params.noteId) !== 'ok') fail('noSuchNote');
});
