import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createPage } from '../../../core/pages/pages.js';
import { packPage } from '../../../core/pages/pack.js';
import { PageSchema } from '../../../core/pages/schema.js';

export default defineEndpoint({
  summary: 'Creates a page; its name must be free among your pages.',
  tags: ['pages'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:pages',
  limit: { duration: 3_600_000, max: 10 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'b7b97489-0f66-4b12-a5ff-b21bd63f6e1c' },
    nameAlreadyExists: { message: 'Specified name already exists.', code: 'NAME_ALREADY_EXISTS', id: '4650348e-301c-499a-83c9-6aa988c66bc1' },
  },
  params: Type.Object({
    title: Type.String(),
    name: Type.String({ pattern: '^[a-zA-Z0-9_-]+$', minLength: 1 }),
    summary: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    content: Type.Array(Type.Object({}, { additionalProperties: true })),
    variables: Type.Array(Type.Object({}, { additionalProperties: true })),
    script: Type.String(),
    eyeCatchingImageId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    font: Type.Optional(Type.Union([Type.Literal('serif'), Type.Literal('sans-serif')], { default: 'sans-serif' })),
    alignCenter: Type.Optional(Type.Boolean({ default: false })),
    hideTitleWhenPinned: Type.Optional(Type.Boolean({ default: false })),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
  }),
  res: PageSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createPage(ctx, me!.id, params);
  if ('error' in result) return fail(result.error);
  return packPage(ctx, result.page, me);
});
