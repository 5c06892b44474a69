import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listPublicPagesOf } from '../../../core/pages/pages.js';
import { packPages } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'Show all pages this user created (public ones only, even to their author, as Misskey).',
  tags: ['users', 'pages'],
  requireCredential: false,
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
  }),
  res: Type.Array(PageSchema),
}, async ({ params, me, ctx }) => {
  return packPages(ctx, await listPublicPagesOf(ctx, params.userId, me, { ...params, limit: params.limit ?? 10 }), me);
});
