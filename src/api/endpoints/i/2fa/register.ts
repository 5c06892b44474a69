import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { reauthenticate } from '../../../../core/two-factor/reauth.js';
import { startTotpRegistration } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Starts setting up TOTP: a fresh secret, its otpauth:// URL and QR code. `i/2fa/done` confirms it.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '78d6c839-20c9-4c66-b90a-fc0542168b48' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: 'e428f177-c6ae-4e91-9c7e-334b1836f9aa' },
  },
  params: Type.Object({
    password: Type.String(),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  res: Type.Object({ qr: Type.String(), url: Type.String(), secret: Type.String(), label: Type.String(), issuer: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);
  return startTotpRegistration(ctx, me!);
});
