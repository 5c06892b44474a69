import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { muteRenotes } from '../../../core/muting/muting.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Mutes a user\'s renotes.',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:mutes',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '5e0a5dff-1e94-4202-87ae-4d9c89eb2271' },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: '37285718-52f7-4aef-b7de-c38b8e8a8420' },
    alreadyMuting: { message: 'You are already muting renotes of that user.', code: 'ALREADY_MUTING', id: 'ccfecbe4-1f1c-4fc2-8a3d-c3ffee61cb7b' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('muteeIsYourself');
  const mutee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await muteRenotes(ctx, me!.id, mutee.id)) fail('alreadyMuting');
});
