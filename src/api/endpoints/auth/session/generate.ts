import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findAppBySecret } from '../../../../core/apps/apps.js';
import { createAuthSession } from '../../../../core/apps/sessions.js';

export default defineEndpoint({
  summary: 'Starts a legacy app sign-in: a session token and the consent page\'s URL ({origin}/auth/{token}) to open in the user\'s browser. The session lives 15 minutes.',
  tags: ['auth'],
  requireCredential: false,
  errors: {
    noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: '92f93e63-428e-4f2f-a5a4-39e1407fe998' },
  },
  params: Type.Object({ appSecret: Type.String() }),
  res: Type.Object({ token: Type.String(), url: Type.String() }),
}, async ({ params, ctx, fail }) => {
  const app = await findAppBySecret(ctx, params.appSecret) ?? fail('noSuchApp');
  const { token } = await createAuthSession(ctx, app);
  return { token, url: `${ctx.config.url}/auth/${token}` };
});
