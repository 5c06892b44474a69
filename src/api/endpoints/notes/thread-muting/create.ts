import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { muteThread } from '../../../../core/thread-muting/thread-muting.js';

export default defineEndpoint({
  summary: 'Mutes a note\'s thread: no notifications from replies and mentions in it.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:account',
  limit: { duration: 3_600_000, max: 10 },
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '5ff67ada-ed3b-2e71-8e87-a1a421e177d2' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await muteThread(ctx, me!, params.noteId);
  if (refused) fail(refused);
});
