import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createAdminInviteCodes } from '../../../../core/invites/service.js';
import { InviteCodeSchema } from '../../../../core/invites/schema.js';

export default defineEndpoint({
  summary: 'Makes 1 to 100 invitation codes (no creator), optionally expiring at `expiresAt`.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:invite-codes',
  errors: {
    invalidDateTime: { message: 'Invalid date-time format', code: 'INVALID_DATE_TIME', id: 'f1380b15-3760-4c6c-a1db-5c3aaf1cbd49' },
  },
  params: Type.Object({
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
    expiresAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  res: Type.Array(InviteCodeSchema),
}, async ({ params, me, ctx, fail }) => {
  let expiresAt: Date | null = null;
  if (params.expiresAt) {
    expiresAt = new Date(params.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) fail('invalidDateTime');
  }
  return createAdminInviteCodes(ctx, me!, params.count ?? 1, expiresAt);
});
