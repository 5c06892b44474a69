import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { resetPasswordWithToken } from '../../core/email/account.js';

export default defineEndpoint({
  summary: 'Sets a new password with the token of a reset link; the token works once, for 30 minutes, and the account\'s web sessions are signed out.',
  tags: ['reset password'],
  requireCredential: false,
  errors: {
    // Misskey lets an unknown or expired token escape as an internal error; Mikan declares it (id is Mikan's own).
    noSuchResetRequest: { message: 'This reset link is unknown, used or expired.', code: 'NO_SUCH_RESET_REQUEST', id: '6382759d-294c-43de-89b3-4e825006ca43' },
  },
  params: Type.Object({ token: Type.String(), password: Type.String({ minLength: 1 }) }),
}, async ({ params, ctx, fail }) => {
  if (!await resetPasswordWithToken(ctx, params.token, params.password)) fail('noSuchResetRequest');
});
