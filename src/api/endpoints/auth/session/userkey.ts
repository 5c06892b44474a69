import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findAppBySecret } from '../../../../core/apps/apps.js';
import { exchangeAuthSession } from '../../../../core/apps/sessions.js';
import { packUserDetailed } from '../../../../core/users/pack.js';
import { UserDetailedNotMeSchema } from '../../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Ends a legacy app sign-in: after the user accepted, the app (with its secret) gets the access token and the user, once. Call the API with i = hex(sha256(accessToken + appSecret)), or the access token itself.',
  tags: ['auth'],
  requireCredential: false,
  errors: {
    noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: 'fcab192a-2c5a-43b7-8ad8-9b7054d8d40d' },
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: '5b5a1503-8bc8-4bd0-8054-dc189e8cdcb3' },
    pendingSession: { message: 'This session is not completed yet.', code: 'PENDING_SESSION', id: '8c8a4145-02cc-4cca-8e66-29ba60445a8e' },
  },
  params: Type.Object({ appSecret: Type.String(), token: Type.String() }),
  res: Type.Object({ accessToken: Type.String(), user: UserDetailedNotMeSchema }),
}, async ({ params, ctx, fail }) => {
  const app = await findAppBySecret(ctx, params.appSecret) ?? fail('noSuchApp');
  const outcome = await exchangeAuthSession(ctx, app, params.appSecret, params.token);
  if (outcome.result === 'noSuchSession') fail('noSuchSession');
  if (outcome.result === 'pending') fail('pendingSession');
  if (outcome.result !== 'ok') throw new Error('unreachable');
  // As in Misskey: the user as seen by nobody in particular.
  const [user] = await packUserDetailed(ctx, [outcome.user], null);
  return { accessToken: outcome.accessToken, user: user as typeof UserDetailedNotMeSchema.static };
});
