import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkPassword, setPassword } from '../../../core/users/account.js';

export default defineEndpoint({
  summary: 'Changes the account\'s password; the current one must be given.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: 'f5bcd508-adcf-40b1-9031-2e944a5d8390' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: '97fee157-34eb-4b0d-8fc3-375d0040f807' },
  },
  params: Type.Object({
    currentPassword: Type.String(),
    newPassword: Type.String({ minLength: 1 }),
    // Two-factor code; two-factor authentication does not exist yet.
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  if (!await checkPassword(ctx, me!.id, params.currentPassword)) fail('incorrectPassword');
  await setPassword(ctx, me!.id, params.newPassword);
});
