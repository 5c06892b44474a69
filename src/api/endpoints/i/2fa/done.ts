import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { confirmTotp } from '../../../../core/two-factor/totp.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Confirms TOTP set-up with a code from the authenticator; answers the backup codes (shown once, each usable once).',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    // Misskey throws bare errors here (500s); Mikan declares them, with ids of its own.
    twoFactorNotStarted: { message: 'Two-factor set-up has not been started: call i/2fa/register first.', code: 'TWO_FACTOR_NOT_STARTED', id: '1f5b1b0b-3f0e-4f6a-8c53-0b5a2e9f7a11' },
    incorrectToken: { message: 'The code is not valid for the new secret.', code: 'INCORRECT_TOKEN', id: '0b7c0c8e-8a4d-4c1c-9d0e-6a3b6d2f5e22' },
  },
  params: Type.Object({ token: Type.String() }),
  res: Type.Object({ backupCodes: Type.Array(Type.String()) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await confirmTotp(ctx, me!.id, params.token);
  if ('error' in result) return fail(result.error === 'notStarted' ? 'twoFactorNotStarted' : 'incorrectToken');
  await publishMeUpdated(ctx, me!.id);
  return result;
});
