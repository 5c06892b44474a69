import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { defineEndpoint } from '../../../define.js';
import { reauthenticate } from '../../../../core/two-factor/reauth.js';
import { loadProfile } from '../../../../core/two-factor/totp.js';
import { registrationOptions } from '../../../../core/two-factor/webauthn.js';

export default defineEndpoint({
  summary: 'Starts registering a security key or passkey: WebAuthn creation options (PublicKeyCredentialCreationOptionsJSON). TOTP must be on.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    userNotFound: { message: 'User not found.', code: 'USER_NOT_FOUND', id: '652f899f-66d4-490e-993e-6606c8ec04c3' },
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '38769596-efe2-4faf-9bec-abbb3f2cd9ba' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: 'a7628591-668b-47b2-919f-d986b22af06a' },
    twoFactorNotEnabled: { message: '2fa not enabled.', code: 'TWO_FACTOR_NOT_ENABLED', id: 'bf32b864-449b-47b8-974e-f9a5468546f1' },
  },
  params: Type.Object({
    password: Type.String(),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  // PublicKeyCredentialCreationOptionsJSON, as @simplewebauthn/server makes it; checked loosely.
  res: Type.Unsafe<entities.I2faRegisterKeyResponse>(Type.Object({ challenge: Type.String(), rp: Type.Object({}, { additionalProperties: true }), user: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: true })),
}, async ({ params, me, ctx, fail }) => {
  const profile = await loadProfile(ctx, me!.id) ?? fail('userNotFound');
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);
  if (!profile.twoFactorEnabled) fail('twoFactorNotEnabled');
  return registrationOptions(ctx, me!) as Promise<entities.I2faRegisterKeyResponse>;
});
