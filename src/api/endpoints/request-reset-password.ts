import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { requestPasswordReset } from '../../core/email/account.js';

export default defineEndpoint({
  summary: 'Mails a single-use link (valid 30 minutes) to choose a new password, when the account has this verified address.',
  description: 'Always answers 204, whether or not the name and address match an account, so the answer reveals nothing about accounts.',
  tags: ['reset password'],
  requireCredential: false,
  limit: { duration: 3_600_000, max: 3 },
  params: Type.Object({ username: Type.String(), email: Type.String() }),
}, async ({ params, ctx }) => {
  await requestPasswordReset(ctx, params.username, params.email);
});
