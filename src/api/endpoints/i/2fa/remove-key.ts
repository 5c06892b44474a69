import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { reauthenticate } from '../../../../core/two-factor/reauth.js';
import { removeKey } from '../../../../core/two-factor/webauthn.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Removes one of the account\'s security keys (an unknown or foreign one is ignored, as in Misskey).',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: '141c598d-a825-44c8-9173-cfb9d92be493' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: '724bcf94-1f52-4c57-ad40-4f7fbbf6ce87' },
  },
  params: Type.Object({
    password: Type.String(),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    credentialId: Type.String(),
  }),
}, async ({ params, me, ctx, fail }) => {
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);
  await removeKey(ctx, me!.id, params.credentialId);
  await publishMeUpdated(ctx, me!.id);
});
