import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, unsetMutualLink } from '../../../core/moderation/users.js';

// The MisskeyIO fork's endpoint (not in misskey-js); it declares no errors (an unknown account is a
// bare Error there, a 500): Mikan answers the moderation endpoints' NO_SUCH_USER.
export default defineEndpoint({
  summary: 'Takes one mutual link (by its id) off an account\'s mutual-link sections.',
  description: 'A link the account does not have changes nothing.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:user-mutual-link',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }), itemId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await unsetMutualLink(ctx, me!.id, user, params.itemId);
});
