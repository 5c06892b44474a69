import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { defineEndpoint } from '../../../define.js';
import { countKeys } from '../../../../core/two-factor/webauthn.js';
import { userProfiles } from '../../../../db/schema/index.js';
import { usersChanged } from '../../../../core/cache/caches.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Turns password-less sign-in (a passkey alone) on or off; on needs a registered security key.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    noKey: { message: 'No security key.', code: 'NO_SECURITY_KEY', id: 'f9c54d7f-d4c2-4d3c-9a8g-a70daac86512' },
  },
  params: Type.Object({ value: Type.Boolean() }),
}, async ({ params, me, ctx, fail }) => {
  if (params.value && await countKeys(ctx, me!.id) === 0) fail('noKey');
  await ctx.db.update(userProfiles).set({ usePasswordLessLogin: params.value }).where(eq(userProfiles.userId, me!.id));
  usersChanged(ctx, me!.id);
  await publishMeUpdated(ctx, me!.id);
});
