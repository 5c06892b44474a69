import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findAppById, packApp } from '../../../core/apps/apps.js';
import { AppSchema } from '../../../core/apps/schema.js';

export default defineEndpoint({
  summary: 'One app, with `isAuthorized` for the caller. Never its secret (only a hash is kept).',
  tags: ['app'],
  requireCredential: false,
  errors: {
    noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: 'dce83913-2dc6-4093-8a7b-71dbb11718a3' },
  },
  params: Type.Object({ appId: Type.String({ format: 'misskey:id' }) }),
  res: AppSchema,
}, async ({ params, me, ctx, fail }) => {
  const app = await findAppById(ctx, params.appId) ?? fail('noSuchApp');
  return packApp(ctx, app, me);
});
