import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { changeEmail, validateEmailForAccount } from '../../../core/email/account.js';
import { reauthenticate } from '../../../core/two-factor/reauth.js';
import { findUserById } from '../../../core/users/read.js';
import { packMe } from '../../../core/users/pack.js';
import { MeDetailedSchema } from '../../../core/users/schema.js';
import { publishMainStream } from '../../../bus/topics.js';

export default defineEndpoint({
  summary: 'Changes (or with null removes) the account\'s address; a new one is unverified until the mailed link (GET /verify-email/:code) is opened.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  limit: { duration: 3_600_000, max: 3 },
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: 'e54c1d7e-e7d6-4103-86b6-0a95069b4ad3' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: 'ef9323ea-8451-4f7a-8f35-4b1ee014d9b7' },
    unavailable: { message: 'Unavailable email address.', code: 'UNAVAILABLE', id: 'a2defefb-f220-8849-0af6-17f816099323' },
    emailRequired: { message: 'Email address is required.', code: 'EMAIL_REQUIRED', id: '324c7a88-59f2-492f-903f-89134f93e47e' },
  },
  params: Type.Object({
    password: Type.String(),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  res: MeDetailedSchema,
}, async ({ params, me, ctx, fail }) => {
  // The password, and with two-factor authentication on a current second factor (`token`).
  const verdict = await reauthenticate(ctx, me!.id, params.password, params.token);
  if (verdict !== 'ok') fail(verdict);

  const email = params.email ?? null;
  if (email !== null) {
    if (!(await validateEmailForAccount(ctx, email)).available) fail('unavailable');
  } else if (ctx.meta.get().emailRequiredForSignup) {
    fail('emailRequired');
  }
  await changeEmail(ctx, me!.id, email);
  const user = (await findUserById(ctx, me!.id))!;
  // The stream may reach app tokens too: the address itself only in the (secure) answer.
  publishMainStream(ctx, me!.id, 'meUpdated', await packMe(ctx, user));
  return packMe(ctx, user, { includeSecrets: true });
});
