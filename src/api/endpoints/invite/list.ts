import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listUserInviteCodes, packInviteCodes } from '../../../core/invites/service.js';
import { InviteCodeSchema } from '../../../core/invites/schema.js';

export default defineEndpoint({
  summary: 'The invitation codes you made, newest first.',
  tags: ['meta'],
  requireCredential: true,
  requireRolePolicy: 'canInvite',
  kind: 'read:invite-codes',
  params: Type.Object(pageParams(30)),
  res: Type.Array(InviteCodeSchema),
}, async ({ params, me, ctx }) => packInviteCodes(ctx, await listUserInviteCodes(ctx, me!.id, { ...params, limit: params.limit ?? 30 }), me));
