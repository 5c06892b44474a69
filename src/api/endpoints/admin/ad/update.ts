import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { AdTimeSchema as Time, updateAd } from '../../../../core/branding/ads.js';

export default defineEndpoint({
  summary: 'Changes an ad; fields left out keep their values.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:ad',
  errors: {
    noSuchAd: { message: 'No such ad.', code: 'NO_SUCH_AD', id: 'b7aa1727-1354-47bc-a182-3a9c3973d300' },
  },
  params: Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    memo: Type.Optional(Type.String({ maxLength: 8192 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    imageUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    place: Type.Optional(Type.String({ maxLength: 32 })),
    priority: Type.Optional(Type.String({ maxLength: 32 })),
    ratio: Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647 })),
    expiresAt: Type.Optional(Time),
    startsAt: Type.Optional(Time),
    dayOfWeek: Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647 })),
    isSensitive: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { id, ...changes } = params;
  if (!await updateAd(ctx, me!.id, id, changes)) fail('noSuchAd');
});
