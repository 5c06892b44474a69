import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, updateUserNote } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Sets the moderators\' note on an account (shown to moderators only); logged with before and after.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:user-note',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }), text: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await updateUserNote(ctx, me!.id, user, params.text);
});
