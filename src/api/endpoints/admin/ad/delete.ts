import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteAd } from '../../../../core/branding/ads.js';

export default defineEndpoint({
  summary: 'Deletes an ad.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:ad',
  errors: {
    noSuchAd: { message: 'No such ad.', code: 'NO_SUCH_AD', id: 'ccac9863-3a03-416e-b899-8a64041118b1' },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteAd(ctx, me!.id, params.id)) fail('noSuchAd');
});
