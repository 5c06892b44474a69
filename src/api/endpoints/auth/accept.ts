import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { acceptAuthSession } from '../../../core/apps/sessions.js';

export default defineEndpoint({
  summary: 'The user allows a legacy app (the consent page at {origin}/auth/{token} calls it). A session can be accepted once; unknown, expired and already accepted sessions are NO_SUCH_SESSION.',
  tags: ['auth'],
  requireCredential: true,
  secure: true,
  errors: {
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: '9c72d8de-391a-43c1-9d06-08d29efde8df' },
  },
  params: Type.Object({ token: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  if (!await acceptAuthSession(ctx, params.token, me!.id)) fail('noSuchSession');
});
