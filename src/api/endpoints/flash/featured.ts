import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFeaturedFlashes } from '../../../core/flashes/flashes.js';
import { packFlashes } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'Public Plays, most liked first.',
  tags: ['flash'],
  requireCredential: false,
  params: Type.Object({
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  }),
  res: Type.Array(FlashSchema),
}, async ({ params, me, ctx }) => {
  return packFlashes(ctx, await listFeaturedFlashes(ctx, params.offset ?? 0, params.limit ?? 10), me);
});
