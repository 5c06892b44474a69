import { Type } from '@sinclair/typebox';
import { and, eq, ne } from 'drizzle-orm';
import { defineEndpoint } from '../../define.js';
import { setPassword } from '../../../core/users/account.js';
import { reauthenticate } from '../../../core/two-factor/reauth.js';
import { accessTokens } from '../../../db/schema/index.js';
import { usersChanged } from '../../../core/cache/caches.js';

export default defineEndpoint({
  summary: 'Changes the account\'s password; the current one (and a second factor when two-factor is on) must be given. Signs the web client out everywhere else.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    incorrectPassword: { message: 'Incorrect password.', code: 'INCORRECT_PASSWORD', id: 'f5bcd508-adcf-40b1-9031-2e944a5d8390' },
    authenticationFailed: { message: 'Authentication failed.', code: 'AUTHENTICATION_FAILED', id: '97fee157-34eb-4b0d-8fc3-375d0040f807' },
  },
  params: Type.Object({
    currentPassword: Type.String(),
    newPassword: Type.String({ minLength: 1 }),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
}, async ({ params, me, token, ctx, fail }) => {
  const verdict = await reauthenticate(ctx, me!.id, params.currentPassword, params.token);
  if (verdict !== 'ok') fail(verdict);
  await setPassword(ctx, me!.id, params.newPassword);
  // Other web sessions (native tokens) end; this one and third-party app tokens stay.
  await ctx.db.delete(accessTokens).where(and(eq(accessTokens.userId, me!.id), eq(accessTokens.isNative, true), ne(accessTokens.id, token!.id)));
  usersChanged(ctx, me!.id);
});
