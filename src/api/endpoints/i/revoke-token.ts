import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { revokeToken } from '../../../core/auth/tokens.js';

export default defineEndpoint({
  summary: 'Revokes one of the user\'s app tokens, by its id (from i/apps or i/authorized-apps) or by the token itself.',
  description: 'As in Misskey, a token that is unknown or not the caller\'s is silently left alone (204 either way). The web client\'s own sign-in tokens cannot be revoked here.',
  tags: ['auth'],
  requireCredential: true,
  secure: true,
  params: Type.Union([
    Type.Object({ tokenId: Type.String({ format: 'misskey:id' }) }),
    Type.Object({ token: Type.Union([Type.String(), Type.Null()]) }),
  ]),
}, async ({ params, me, ctx }) => {
  if ('tokenId' in params) await revokeToken(ctx, me!.id, { tokenId: params.tokenId });
  else if (params.token) await revokeToken(ctx, me!.id, { token: params.token });
});
