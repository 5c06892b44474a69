import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteInviteCode, findInviteCode } from '../../../core/invites/service.js';

export default defineEndpoint({
  summary: 'Deletes one of your unused invitation codes (moderators: anyone\'s).',
  tags: ['meta'],
  requireCredential: true,
  requireRolePolicy: 'canInvite',
  kind: 'write:invite-codes',
  errors: {
    noSuchCode: { message: 'No such invite code.', code: 'NO_SUCH_INVITE_CODE', id: 'cd4f9ae4-7854-4e3e-8df9-c296f051e634' },
    cantDelete: { message: 'You can\'t delete this invite code.', code: 'CAN_NOT_DELETE_INVITE_CODE', id: 'ff17af39-000c-4d4e-abdf-848fa30fc1ce' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '5eb8d909-2540-4970-90b8-dd6f86088121' },
  },
  params: Type.Object({ inviteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const code = await findInviteCode(ctx, params.inviteId) ?? fail('noSuchCode');
  if (code.createdById !== me!.id && !(me!.isModerator || me!.isAdmin)) fail('accessDenied');
  if (code.usedAt !== null) fail('cantDelete');
  await deleteInviteCode(ctx, code.id);
});
