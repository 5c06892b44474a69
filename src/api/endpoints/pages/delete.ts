import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deletePage } from '../../../core/pages/pages.js';

export default defineEndpoint({
  summary: 'Deletes one of your pages (moderators: anyone\'s).',
  tags: ['pages'],
  requireCredential: true,
  kind: 'write:pages',
  errors: {
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: 'eb0c6e1d-d519-4764-9486-52a7e1c6392a' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '8b741b3e-2c22-44b3-a15f-29949aa1601e' },
  },
  params: Type.Object({ pageId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await deletePage(ctx, me!, params.pageId);
  if (result !== 'ok') fail(result);
});
