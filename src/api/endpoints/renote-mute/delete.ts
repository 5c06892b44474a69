import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unmuteRenotes } from '../../../core/muting/muting.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Unmutes a user\'s renotes.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:mutes',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '9b6728cf-638c-4aa1-bedb-e07d8101474d' },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: '619b1314-0850-4597-a242-e245f3da42af' },
    notMuting: { message: 'You are not muting renotes of that user.', code: 'NOT_MUTING', id: '2e4ef874-8bf0-4b4b-b069-4598f6d05817' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('muteeIsYourself');
  const mutee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await unmuteRenotes(ctx, me!.id, mutee.id)) fail('notMuting');
});
