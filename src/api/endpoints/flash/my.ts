import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listOwnFlashes } from '../../../core/flashes/flashes.js';
import { packFlashes } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'Your Plays, public and private, newest first.',
  tags: ['flash', 'account'],
  requireCredential: true,
  kind: 'read:flash',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(FlashSchema),
}, async ({ params, me, ctx }) => {
  return packFlashes(ctx, await listOwnFlashes(ctx, me!.id, { ...params, limit: params.limit ?? 10 }), me);
});
