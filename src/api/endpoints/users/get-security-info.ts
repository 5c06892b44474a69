import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { defineEndpoint } from '../../define.js';
import { userProfiles } from '../../../db/schema/index.js';
import { verifyPassword } from '../../../core/users/password.js';
import { countKeys } from '../../../core/two-factor/webauthn.js';

export default defineEndpoint({
  summary: 'How the account with this verified e-mail address signs in (two-factor, password-less, keys), given its password; otherwise all false.',
  tags: ['users'],
  limit: { duration: 3_600_000, max: 30 },
  params: Type.Object({ email: Type.String(), password: Type.String() }),
  res: Type.Object({
    twoFactorEnabled: Type.Boolean(),
    usePasswordLessLogin: Type.Boolean(),
    securityKeys: Type.Boolean(),
  }),
}, async ({ params, ctx }) => {
  const [profile] = await ctx.db.select().from(userProfiles)
    .where(and(eq(userProfiles.email, params.email), eq(userProfiles.emailVerified, true))).limit(1);
  const matched = await verifyPassword(profile?.password ?? null, params.password);
  if (!profile || !matched) return { twoFactorEnabled: false, usePasswordLessLogin: false, securityKeys: false };
  const keys = profile.twoFactorEnabled ? await countKeys(ctx, profile.userId) : 0;
  return { twoFactorEnabled: profile.twoFactorEnabled, usePasswordLessLogin: profile.usePasswordLessLogin, securityKeys: keys > 0 };
});
