import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { reauthenticate } from '../../../../core/two-factor/reauth.js';
import { disableTotp } from '../../../../core/two-factor/totp.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Turns TOTP off (with its backup codes and password-less sign-in).',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '7add0395-9901-4098-82f9-4f67af65f775' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: '1b99d9c1-629c-41f9-9315-b27ee876f498' },
  },
  params: Type.Object({
    password: Type.String(),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);
  await disableTotp(ctx, me!.id);
  await publishMeUpdated(ctx, me!.id);
});
