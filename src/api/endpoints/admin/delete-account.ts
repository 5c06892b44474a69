import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { deleteAccountByModerator, findAnyUser } from '../../../core/moderation/users.js';

// Not in the spec's fork; meta as upstream Misskey (administrators, write:admin:delete-account).
export default defineEndpoint({
  summary: 'Deletes an account: its tokens die, its notes disappear, its name stays taken; its files are removed by a durable job.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:delete-account',
  errors: { noSuchUser: moderationErrors.noSuchUser, cannotDeleteRoot: moderationErrors.cannotDeleteRoot },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  if (user.isRoot) fail('cannotDeleteRoot');
  // Misskey: deleting a deleted account does nothing.
  if (user.isDeleted) return;
  await deleteAccountByModerator(ctx, me!.id, user);
});
