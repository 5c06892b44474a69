import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, setSuspension } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Lifts a suspension: the account\'s tokens work again.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:unsuspend-user',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await setSuspension(ctx, me!.id, user, false);
});
