import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { searchFlashes } from '../../../core/flashes/flashes.js';
import { packFlashes } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'Plays whose title or summary contains the query (upstream Misskey; not in the fork).',
  tags: ['flash'],
  requireCredential: false,
  params: Type.Object({
    query: Type.String({ minLength: 1 }),
    ...pageParams(10),
  }),
  res: Type.Array(FlashSchema),
}, async ({ params, me, ctx }) => {
  return packFlashes(ctx, await searchFlashes(ctx, params.query, me?.id ?? null, { ...params, limit: params.limit ?? 10 }), me);
});
