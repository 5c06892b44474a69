import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { likePage } from '../../../core/pages/pages.js';

export default defineEndpoint({
  summary: 'Likes someone else\'s page.',
  tags: ['pages'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:page-likes',
  errors: {
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: 'cc98a8a2-0dc3-4123-b198-62c71df18ed3' },
    yourPage: { message: 'You cannot like your page.', code: 'YOUR_PAGE', id: '28800466-e6db-40f2-8fae-bf9e82aa92b8' },
    alreadyLiked: { message: 'The page has already been liked.', code: 'ALREADY_LIKED', id: 'd4c1edbe-7da2-4eae-8714-1acfd2d63941' },
  },
  params: Type.Object({ pageId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await likePage(ctx, me!, params.pageId);
  if (result !== 'ok') fail(result);
});
