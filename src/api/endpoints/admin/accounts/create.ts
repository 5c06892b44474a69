import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { signupErrors } from '../../../account-errors.js';
import { FirstUserExistsError } from '../../../../core/users/create.js';
import { requiresSetup } from '../../../../core/meta/pack.js';
import { packMe } from '../../../../core/users/pack.js';
import { setupPasswordAccepted } from '../../../../core/users/setup.js';
import { signUp, SignupError } from '../../../../core/users/signup.js';
import { MeDetailedWithTokenSchema } from '../../../../core/users/schema.js';
import { LOCAL_USERNAME_PATTERN } from '../../../../core/users/username.js';

export default defineEndpoint({
  summary: 'First-run setup (no account yet, no credential: makes the root administrator), afterwards an administrator creating an account.',
  tags: ['admin'],
  requireCredential: false,
  errors: {
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fff-b8df-057708cce513' },
    wrongInitialPassword: { message: 'Initial password is incorrect.', code: 'INCORRECT_INITIAL_PASSWORD', id: '97147c55-1ae1-4f6f-91d6-e1c3e0e76d62' },
    // Misskey lets these escape as internal errors; Mikan declares them (ids are Mikan's own).
    duplicatedUsername: signupErrors.DUPLICATED_USERNAME,
    usedUsername: signupErrors.USED_USERNAME,
  },
  params: Type.Object({
    username: Type.String({ pattern: LOCAL_USERNAME_PATTERN }),
    password: Type.String({ minLength: 1 }),
    setupPassword: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  res: MeDetailedWithTokenSchema,
}, async ({ params, me, token, ctx, fail }) => {
  const firstRun = !me && await requiresSetup(ctx);
  if (firstRun) {
    if (!setupPasswordAccepted(ctx, params.setupPassword)) fail('wrongInitialPassword');
  } else if (!me?.isAdmin || !token?.isNative) {
    // After setup: administrators only, from their own web client (Misskey refuses app tokens here).
    fail('accessDenied');
  }

  try {
    const created = await signUp(ctx, params, firstRun ? { firstRun: 'require' } : { allowReserved: true });
    return { ...await packMe(ctx, created.user, { includeSecrets: true }), token: created.token };
  } catch (error) {
    // Another first-run request won the race.
    if (error instanceof FirstUserExistsError) fail('accessDenied');
    if (error instanceof SignupError && error.code === 'DUPLICATED_USERNAME') fail('duplicatedUsername');
    if (error instanceof SignupError && error.code === 'USED_USERNAME') fail('usedUsername');
    throw error;
  }
});
