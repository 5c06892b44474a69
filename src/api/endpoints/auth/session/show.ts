import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findAppById, packApp } from '../../../../core/apps/apps.js';
import { findAuthSession } from '../../../../core/apps/sessions.js';
import { AuthSessionSchema } from '../../../../core/apps/schema.js';

export default defineEndpoint({
  summary: 'A legacy sign-in session and its app, for the consent page. Unknown and expired sessions are NO_SUCH_SESSION.',
  tags: ['auth'],
  requireCredential: false,
  errors: {
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: 'bd72c97d-eba7-4adb-a467-f171b8847250' },
  },
  params: Type.Object({ token: Type.String() }),
  res: AuthSessionSchema,
}, async ({ params, me, ctx, fail }) => {
  const found = await findAuthSession(ctx, params.token) ?? fail('noSuchSession');
  const app = await findAppById(ctx, found.appId) ?? fail('noSuchSession');
  return { id: found.session.id, app: await packApp(ctx, app, me), token: params.token };
});
