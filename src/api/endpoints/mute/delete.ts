import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unmute } from '../../../core/muting/muting.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Unmutes a user: their notes and notifications no longer reach you.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:mutes',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'b851d00b-8ab1-4a56-8b1b-e24187cb48ef' },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: 'f428b029-6b39-4d48-a1d2-cc1ae6dd5cf9' },
    notMuting: { message: 'You are not muting that user.', code: 'NOT_MUTING', id: '5467d020-daa9-4553-81e1-135c0c35a96d' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('muteeIsYourself');
  const mutee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await unmute(ctx, me!.id, mutee.id)) fail('notMuting');
});
