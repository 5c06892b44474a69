import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { MAX_DATE_MS } from '../../validate.js';
import { mute } from '../../../core/muting/muting.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Mutes a user: their notes and notifications no longer reach you.',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:mutes',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5' },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: 'a4619cb2-5f23-484b-9301-94c903074e10' },
    alreadyMuting: { message: 'You are already muting that user.', code: 'ALREADY_MUTING', id: '7e7359cb-160c-4956-b08f-4d1c653cd007' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    expiresAt: Type.Optional(Type.Union([Type.Integer({ maximum: MAX_DATE_MS }), Type.Null()], { description: 'Unix time in ms; null or absent mutes forever.' })),
  }),
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('muteeIsYourself');
  const mutee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  // Misskey silently does nothing for an expiry already in the past.
  if (params.expiresAt != null && params.expiresAt <= Date.now()) return;
  if (!await mute(ctx, me!.id, mutee.id, params.expiresAt != null ? new Date(params.expiresAt) : null)) fail('alreadyMuting');
});
