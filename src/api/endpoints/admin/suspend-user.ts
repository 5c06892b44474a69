import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, isStaff, setSuspension } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Suspends an account: it cannot sign in, its tokens and open sockets die at once, it is hidden from everyone but moderators.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:suspend-user',
  errors: { noSuchUser: moderationErrors.noSuchUser, cannotSuspendModerator: moderationErrors.cannotSuspendModerator },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  // Misskey: moderators and administrators cannot be suspended.
  if (isStaff(user)) fail('cannotSuspendModerator');
  await setSuspension(ctx, me!.id, user, true);
});
