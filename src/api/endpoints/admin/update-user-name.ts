import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, updateUserName } from '../../../core/moderation/users.js';

// The fork's endpoint (not in misskey-js).
export default defineEndpoint({
  summary: 'Changes an account\'s display name; blank or missing clears it.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:user-name',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }), name: Type.Optional(Type.String({ maxLength: 128 })) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await updateUserName(ctx, me!.id, user, params.name);
});
