import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findReadableFlash } from '../../../core/flashes/flashes.js';
import { packFlash } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'One Play: a public one, or one of your own.',
  tags: ['flash'],
  requireCredential: false,
  errors: {
    noSuchFlash: { message: 'No such flash.', code: 'NO_SUCH_FLASH', id: 'f0d34a1a-d29a-401d-90ba-1982122b5630' },
  },
  params: Type.Object({ flashId: Type.String({ format: 'misskey:id' }) }),
  res: FlashSchema,
}, async ({ params, me, ctx, fail }) => {
  const flash = await findReadableFlash(ctx, params.flashId, me?.id ?? null) ?? fail('noSuchFlash');
  return packFlash(ctx, flash, me);
});
