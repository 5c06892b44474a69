import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updateFlash } from '../../../core/flashes/flashes.js';

export default defineEndpoint({
  summary: 'Changes the given fields of one of your Plays.',
  tags: ['flash'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:flash',
  limit: { duration: 3_600_000, max: 300 },
  errors: {
    noSuchFlash: { message: 'No such flash.', code: 'NO_SUCH_FLASH', id: '611e13d2-309e-419a-a5e4-e0422da39b02' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '08e60c88-5948-478e-a132-02ec701d67b2' },
  },
  params: Type.Object({
    flashId: Type.String({ format: 'misskey:id' }),
    title: Type.Optional(Type.String()),
    summary: Type.Optional(Type.String()),
    script: Type.Optional(Type.String()),
    permissions: Type.Optional(Type.Array(Type.String())),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { flashId, ...change } = params;
  const result = await updateFlash(ctx, me!.id, flashId, change);
  if ('error' in result) fail(result.error);
});
