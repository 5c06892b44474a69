import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { markActive, recordDailyVisit } from '../../core/users/account.js';
import { packMe } from '../../core/users/pack.js';
import { findUserById } from '../../core/users/read.js';
import { MeDetailedSchema } from '../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The signed-in account with its settings; email only for the web client\'s own token.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    userIsDeleted: { message: 'User is deleted.', code: 'USER_IS_DELETED', id: 'e5b3b9f0-2b8f-4b9f-9c1f-8c5c1b2e1b1a', kind: 'permission' },
  },
  params: Type.Object({}),
  res: MeDetailedSchema,
}, async ({ me, token, ctx, fail }) => {
  await Promise.all([recordDailyVisit(ctx, me!.id), markActive(ctx, me!.id)]);
  const user = await findUserById(ctx, me!.id) ?? fail('userIsDeleted');
  return packMe(ctx, user, { includeSecrets: token!.isNative, onlineStatusBefore: me!.onlineStatusBefore });
});
