import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pinNote } from '../../../core/pins/pins.js';
import { packMe } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { MeDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Pins one of your notes to your profile (up to the `pinLimit` role policy).',
  tags: ['account', 'notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '56734f8b-3928-431e-bf80-6ff87df40cb3' },
    pinLimitExceeded: { message: 'You can not pin notes any more.', code: 'PIN_LIMIT_EXCEEDED', id: '72dab508-c64d-498f-8740-a8eec1ba385a' },
    alreadyPinned: { message: 'That note has already been pinned.', code: 'ALREADY_PINNED', id: '8b18c2b7-68fe-4edb-9892-c0cbaeb6c913' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
  res: MeDetailedSchema,
}, async ({ params, me, ctx, fail }) => {
  const refused = await pinNote(ctx, me!, params.noteId);
  if (refused) fail(refused);
  return packMe(ctx, (await findUserById(ctx, me!.id))!, { onlineStatusBefore: me!.onlineStatusBefore });
});
