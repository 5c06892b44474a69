import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createUserInviteCode, InviteLimitExceeded } from '../../../core/invites/service.js';
import { InviteCodeSchema } from '../../../core/invites/schema.js';

export default defineEndpoint({
  summary: 'Makes an invitation code, within your `inviteLimit` per `inviteLimitCycle`; it expires after `inviteExpirationTime` minutes (0: never).',
  tags: ['meta'],
  requireCredential: true,
  requireRolePolicy: 'canInvite',
  kind: 'write:invite-codes',
  errors: {
    exceededCreateLimit: { message: 'You have exceeded the limit for creating an invitation code.', code: 'EXCEEDED_LIMIT_OF_CREATE_INVITE_CODE', id: '8b165dd3-6f37-4557-8db1-73175d63c641' },
  },
  params: Type.Object({}),
  res: InviteCodeSchema,
}, async ({ me, ctx, fail }) => {
  try {
    return await createUserInviteCode(ctx, me!);
  } catch (error) {
    if (error instanceof InviteLimitExceeded) fail('exceededCreateLimit');
    throw error;
  }
});
