import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkPassword, regenerateNativeToken } from '../../../core/users/account.js';

export default defineEndpoint({
  summary: 'Invalidates the web client\'s token everywhere; sign in again for a new one.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    // Misskey throws a bare error here (a 500); Mikan declares it. Code as change-password's, id Mikan's own.
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: 'caa491c7-26eb-4192-b5d1-c2d8cb46b786' },
  },
  params: Type.Object({ password: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  if (!await checkPassword(ctx, me!.id, params.password)) fail('incorrectPassword');
  await regenerateNativeToken(ctx, me!.id);
});
