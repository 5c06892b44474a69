import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listTokens } from '../../../core/auth/tokens.js';

export default defineEndpoint({
  summary: 'The access tokens the user has given apps (never the web client\'s own sign-in tokens).',
  description: 'Misskey\'s sort: `+createdAt` newest first, `-createdAt` (the default) oldest first; `+lastUsedAt` most recently used first, `-lastUsedAt` the reverse (never-used tokens last).',
  tags: ['auth'],
  requireCredential: true,
  secure: true,
  params: Type.Object({
    sort: Type.Optional(Type.Union([Type.Literal('+createdAt'), Type.Literal('-createdAt'), Type.Literal('+lastUsedAt'), Type.Literal('-lastUsedAt')])),
  }),
  res: Type.Array(Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
    permission: Type.Array(Type.String()),
    iconUrl: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  })),
}, async ({ params, me, ctx }) => listTokens(ctx, me!.id, params.sort));
