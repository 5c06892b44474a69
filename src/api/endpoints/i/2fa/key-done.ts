import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { reauthenticate } from '../../../../core/two-factor/reauth.js';
import { loadProfile } from '../../../../core/two-factor/totp.js';
import { hasPendingRegistration, registerKey } from '../../../../core/two-factor/webauthn.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Finishes registering a security key: the authenticator\'s answer (RegistrationResponseJSON) to register-key\'s challenge.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '0d7ec6d2-e652-443e-a7bf-9ee9a0cd77b0' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: '7b7b1e88-c569-4873-9676-25c5717ace4e' },
    twoFactorNotEnabled: { message: '2fa not enabled.', code: 'TWO_FACTOR_NOT_ENABLED', id: '798d6847-b1ed-4f9c-b1f9-163c42655995' },
    // Misskey throws bare errors for these (500s); Mikan declares them, with ids of its own.
    noChallenge: { message: 'No registration is pending (or it expired): call i/2fa/register-key first.', code: 'NO_PENDING_CHALLENGE', id: '5a2d4c61-7f3e-4e5b-9a8c-1d2e3f4a5b33' },
    verificationFailed: { message: 'The authenticator\'s answer could not be verified.', code: 'VERIFICATION_FAILED', id: '6b3e5d72-8a4f-4f6c-ab9d-2e3f4a5b6c44' },
    duplicateKey: { message: 'This security key is already registered.', code: 'DUPLICATE_KEY', id: '7c4f6e83-9b5a-4a7d-bcae-3f4a5b6c7d55' },
  },
  params: Type.Object({
    password: Type.String(),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    credential: Type.Object({}, { additionalProperties: true }),
  }),
  res: Type.Object({ id: Type.String(), name: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  // The second factor given to register-key covers the key-done answering its challenge (90 s):
  // a TOTP code is accepted once only, so asking for another would make the user wait for the next one.
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token, { secondFactorProven: () => hasPendingRegistration(ctx, me!.id) });
  if (verdict !== 'ok') fail(verdict);
  const profile = await loadProfile(ctx, me!.id);
  if (!profile?.twoFactorEnabled) fail('twoFactorNotEnabled');
  const result = await registerKey(ctx, me!.id, params.name, params.credential);
  if ('error' in result) return fail(result.error);
  await publishMeUpdated(ctx, me!.id);
  return result;
});
