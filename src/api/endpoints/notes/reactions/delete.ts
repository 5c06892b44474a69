import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteReaction } from '../../../../core/reactions/reactions.js';

export default defineEndpoint({
  summary: 'Takes back your reaction to a note.',
  tags: ['reactions', 'notes'],
  requireCredential: true,
  kind: 'write:reactions',
  limit: { duration: 3_600_000, max: 60, minInterval: 3_000 },
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '764d9fce-f9f2-4a0e-92b1-6ceac9a7ad37' },
    notReacted: { message: 'You are not reacting to that note.', code: 'NOT_REACTED', id: '92f4426d-4196-4125-aa5b-02943e2ec8fc' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await deleteReaction(ctx, me!, params.noteId);
  if (refused) fail(refused);
});
