import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listAuthorizedApps } from '../../../core/apps/apps.js';
import { AuthorizedAppSchema } from '../../../core/apps/schema.js';

export default defineEndpoint({
  summary: 'The apps (legacy apps and OAuth clients) the user has given a token: one item per token, newest first by default.',
  description: 'Each item is the app with the permissions of that token, and (Mikan\'s addition) the token\'s id as `tokenId`: pass it to `i/revoke-token` to take the access away.',
  tags: ['auth'],
  requireCredential: true,
  secure: true,
  params: Type.Object({
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
    sort: Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' }),
  }),
  res: Type.Array(AuthorizedAppSchema),
}, async ({ params, me, ctx }) => listAuthorizedApps(ctx, me!.id, params));
