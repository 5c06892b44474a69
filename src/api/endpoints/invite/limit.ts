import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { remainingInvites } from '../../../core/invites/service.js';

export default defineEndpoint({
  summary: 'How many invitation codes you may still make in this cycle; null when unlimited.',
  tags: ['meta'],
  requireCredential: true,
  requireRolePolicy: 'canInvite',
  kind: 'read:invite-codes',
  params: Type.Object({}),
  res: Type.Object({ remaining: Type.Union([Type.Number(), Type.Null()]) }),
}, async ({ me, ctx }) => ({ remaining: await remainingInvites(ctx, me!.id) }));
