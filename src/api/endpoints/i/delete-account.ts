import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteAccount } from '../../../core/users/account.js';
import { reauthenticate } from '../../../core/two-factor/reauth.js';

export default defineEndpoint({
  summary: 'Deletes the signed-in account. Its username can never be taken again.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '44326b04-08ea-4525-b01c-98cc117bdd2a' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: 'ea791cff-63e7-4b2a-92fc-646ab641794e' },
  },
  params: Type.Object({
    password: Type.String(),
    // The second factor, required while two-factor authentication is on.
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);
  await deleteAccount(ctx, me!.id);
});
