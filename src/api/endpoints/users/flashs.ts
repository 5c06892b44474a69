import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFlashesOf } from '../../../core/flashes/flashes.js';
import { packFlashes } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'A user\'s Plays, newest first: the public ones, and the private ones to their owner.',
  tags: ['users', 'flash'],
  requireCredential: false,
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(FlashSchema),
}, async ({ params, me, ctx }) => {
  return packFlashes(ctx, await listFlashesOf(ctx, params.userId, me?.id ?? null, { ...params, limit: params.limit ?? 10 }), me);
});
