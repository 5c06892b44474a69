import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { unmuteThread } from '../../../../core/thread-muting/thread-muting.js';

export default defineEndpoint({
  summary: 'Unmutes a note\'s thread.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'bddd57ac-ceb3-b29d-4334-86ea5fae481a' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await unmuteThread(ctx, me!, params.noteId);
  if (refused) fail(refused);
});
