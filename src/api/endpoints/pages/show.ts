import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findReadablePage, findReadablePageByName } from '../../../core/pages/pages.js';
import { packPage } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'A page, by `pageId` or by its author\'s `username` and its `name`.',
  tags: ['pages'],
  requireCredential: false,
  errors: {
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: '222120c0-3ead-4528-811b-b96f233388d7' },
  },
  params: Type.Object({
    pageId: Type.Optional(Type.String({ format: 'misskey:id' })),
    name: Type.Optional(Type.String()),
    username: Type.Optional(Type.String()),
  }, { anyOf: [{ required: ['pageId'] }, { required: ['name', 'username'] }] }),
  res: PageSchema,
}, async ({ params, me, ctx, fail }) => {
  const page = params.pageId !== undefined
    ? await findReadablePage(ctx, params.pageId, me)
    : await findReadablePageByName(ctx, params.username!, params.name!, me);
  return packPage(ctx, page ?? fail('noSuchPage'), me);
});
