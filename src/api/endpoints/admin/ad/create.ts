import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { AdSchema, AdTimeSchema as Time, createAd, packAd } from '../../../../core/branding/ads.js';

export default defineEndpoint({
  summary: 'Creates an ad; `meta.ads` serves it between `startsAt` and `expiresAt` (ms since the epoch) on the days of `dayOfWeek` (bit 0 = Sunday; 0 = every day).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:ad',
  params: Type.Object({
    url: Type.String({ minLength: 1, maxLength: 1024 }),
    memo: Type.String({ maxLength: 8192 }),
    place: Type.String({ maxLength: 32 }),
    priority: Type.String({ maxLength: 32 }),
    ratio: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
    expiresAt: Time,
    startsAt: Time,
    imageUrl: Type.String({ minLength: 1, maxLength: 1024 }),
    dayOfWeek: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: AdSchema,
}, async ({ params, me, ctx }) => packAd(await createAd(ctx, me!.id, params)));
