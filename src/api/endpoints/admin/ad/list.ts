import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { AdSchema, listAds, packAd } from '../../../../core/branding/ads.js';

export default defineEndpoint({
  summary: 'The ads, newest first; `publishing: true` only those shown now, `false` only those not (expired or not started).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:ad',
  params: Type.Object({
    ...pageParams(10),
    publishing: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { default: null })),
  }),
  res: Type.Array(AdSchema),
}, async ({ params, ctx }) => (await listAds(ctx, { ...params, limit: params.limit ?? 10 })).map(packAd));
