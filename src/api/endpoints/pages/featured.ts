import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFeaturedPages } from '../../../core/pages/pages.js';
import { packPages } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'The ten most liked public pages.',
  tags: ['pages'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(PageSchema),
}, async ({ me, ctx }) => {
  return packPages(ctx, await listFeaturedPages(ctx, me), me);
});
