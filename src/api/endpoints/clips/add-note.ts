import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findOwnClip } from '../../../core/clips/clips.js';
import { addNoteToClip } from '../../../core/clips/clip-notes.js';

export default defineEndpoint({
  summary: 'Adds a note you can see to one of your clips, within `noteEachClipsLimit`.',
  tags: ['clips', 'notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: 'd6e76cc0-a1b5-4c7c-a287-73fa9c716dcf' },
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'fc8c0b49-c7a3-4664-a0a6-b418d386bb8b' },
    alreadyClipped: { message: 'The note has already been clipped.', code: 'ALREADY_CLIPPED', id: '734806c4-542c-463a-9311-15c512803965' },
    tooManyClipNotes: { message: 'You cannot add notes to the clip any more.', code: 'TOO_MANY_CLIP_NOTES', id: 'f0dba960-ff73-4615-8df4-d6ac5d9dc118' },
    clipLimitExceeded: { message: 'You have more clips than allowed.', code: 'CLIP_LIMIT_EXCEEDED', id: '456cd06d-9f5b-4793-8108-dffe6e257d98' },
    clipNotesLimitExceeded: { message: 'This clip holds more notes than allowed.', code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: 'f3d6de24-ad27-418d-9d13-b50165dbce66' },
  },
  params: Type.Object({
    clipId: Type.String({ format: 'misskey:id' }),
    noteId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const clip = await findOwnClip(ctx, params.clipId, me!.id) ?? fail('noSuchClip');
  const result = await addNoteToClip(ctx, clip, me!, params.noteId);
  if (result !== 'ok') fail(result);
});
