import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updatePage } from '../../../core/pages/pages.js';

export default defineEndpoint({
  summary: 'Changes the given fields of one of your pages.',
  tags: ['pages'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:pages',
  limit: { duration: 3_600_000, max: 300 },
  errors: {
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: '21149b9e-3616-4778-9592-c4ce89f5a864' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '3c15cd52-3b4b-4274-967d-6456fc4f792b' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'cfc23c7c-3887-490e-af30-0ed576703c82' },
    nameAlreadyExists: { message: 'Specified name already exists.', code: 'NAME_ALREADY_EXISTS', id: '2298a392-d4a1-44c5-9ebb-ac1aeaa5a9ab' },
  },
  params: Type.Object({
    pageId: Type.String({ format: 'misskey:id' }),
    title: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9_-]+$', minLength: 1 })),
    summary: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    content: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
    variables: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
    script: Type.Optional(Type.String()),
    eyeCatchingImageId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    font: Type.Optional(Type.Union([Type.Literal('serif'), Type.Literal('sans-serif')])),
    alignCenter: Type.Optional(Type.Boolean()),
    hideTitleWhenPinned: Type.Optional(Type.Boolean()),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { pageId, ...change } = params;
  const result = await updatePage(ctx, me!, pageId, change);
  if ('error' in result) fail(result.error);
});
