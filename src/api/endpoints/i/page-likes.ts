import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listLikedPages } from '../../../core/pages/pages.js';
import { packPages } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'The pages you liked, newest like first (paged by the like\'s id).',
  tags: ['account', 'pages'],
  requireCredential: true,
  kind: 'read:page-likes',
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(Type.Object({ id: Type.String({ format: 'misskey:id' }), page: PageSchema })),
}, async ({ params, me, ctx }) => {
  const likes = await listLikedPages(ctx, me!, { ...params, limit: params.limit ?? 10 });
  const packed = await packPages(ctx, likes.map((like) => like.page), me);
  const byId = new Map(packed.map((page) => [page.id, page]));
  return likes.flatMap((like) => { const page = byId.get(like.page.id); return page ? [{ id: like.id, page }] : []; });
});
