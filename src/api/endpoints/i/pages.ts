import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listOwnPages } from '../../../core/pages/pages.js';
import { packPages } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'Your pages, private ones too, newest first.',
  tags: ['account', 'pages'],
  requireCredential: true,
  kind: 'read:pages',
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(PageSchema),
}, async ({ params, me, ctx }) => {
  return packPages(ctx, await listOwnPages(ctx, me!.id, { ...params, limit: params.limit ?? 10 }), me);
});
