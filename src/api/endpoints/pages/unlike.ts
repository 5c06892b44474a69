import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unlikePage } from '../../../core/pages/pages.js';

export default defineEndpoint({
  summary: 'Takes back your like of a page.',
  tags: ['pages'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:page-likes',
  errors: {
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: 'a0d41e20-1993-40bd-890e-f6e560ae648e' },
    notLiked: { message: 'You have not liked that page.', code: 'NOT_LIKED', id: 'f5e586b0-ce93-4050-b0e3-7f31af5259ee' },
  },
  params: Type.Object({ pageId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await unlikePage(ctx, me!, params.pageId);
  if (result !== 'ok') fail(result);
});
