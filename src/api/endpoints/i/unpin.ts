import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unpinNote } from '../../../core/pins/pins.js';
import { packMe } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { MeDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Unpins one of your notes from your profile.',
  tags: ['account', 'notes'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '454170ce-9d63-4a43-9da1-ea10afe81e21' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
  res: MeDetailedSchema,
}, async ({ params, me, ctx, fail }) => {
  const refused = await unpinNote(ctx, me!, params.noteId);
  if (refused) fail(refused);
  return packMe(ctx, (await findUserById(ctx, me!.id))!, { onlineStatusBefore: me!.onlineStatusBefore });
});
