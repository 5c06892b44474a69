import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listInviteCodesForAdmin, packInviteCodes } from '../../../../core/invites/service.js';
import { InviteCodeSchema } from '../../../../core/invites/schema.js';

export default defineEndpoint({
  summary: 'Every invitation code: unused, used, expired or all, sorted by creation or use.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:invite-codes',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    type: Type.Optional(Type.Union([Type.Literal('unused'), Type.Literal('used'), Type.Literal('expired'), Type.Literal('all')], { default: 'all' })),
    sort: Type.Optional(Type.Union([Type.Literal('+createdAt'), Type.Literal('-createdAt'), Type.Literal('+usedAt'), Type.Literal('-usedAt')])),
  }),
  res: Type.Array(InviteCodeSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listInviteCodesForAdmin(ctx, { limit: params.limit ?? 30, offset: params.offset ?? 0, type: params.type ?? 'all', sort: params.sort });
  return packInviteCodes(ctx, rows, me);
});
