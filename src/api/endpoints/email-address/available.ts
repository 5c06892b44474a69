import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { validateEmailForAccount } from '../../../core/email/account.js';

export default defineEndpoint({
  summary: 'Whether an address may be given to an account: well formed and not verified by another account.',
  description: '`reason` is `format` or `used` when it is not (Misskey\'s outside checks — disposable, MX, SMTP — are not made).',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({ emailAddress: Type.String() }),
  res: Type.Object({
    available: Type.Boolean(),
    // One of Misskey's reasons: Mikan answers `format` or `used`.
    reason: Type.Union([Type.String(), Type.Null()]),
  }),
}, async ({ params, ctx }) => validateEmailForAccount(ctx, params.emailAddress));
