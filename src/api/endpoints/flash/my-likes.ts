import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listLikedFlashes } from '../../../core/flashes/flashes.js';
import { packFlashes } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'The Plays you liked (that you can still read), newest like first.',
  tags: ['flash', 'account'],
  requireCredential: true,
  kind: 'read:flash-likes',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(Type.Object({ id: Type.String({ format: 'misskey:id' }), flash: FlashSchema })),
}, async ({ params, me, ctx }) => {
  const likes = await listLikedFlashes(ctx, me!.id, { ...params, limit: params.limit ?? 10 });
  const packed = await packFlashes(ctx, likes.map((like) => like.flash), me);
  const byId = new Map(packed.map((flash) => [flash.id, flash]));
  return likes.flatMap((like) => {
    const flash = byId.get(like.flash.id);
    return flash ? [{ id: like.id, flash }] : [];
  });
});
