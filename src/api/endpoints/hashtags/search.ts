import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { searchHashtags } from '../../../core/hashtags/read.js';

export default defineEndpoint({
  summary: 'Hashtag names starting with the query, most used by local users first.',
  tags: ['hashtags'],
  requireCredential: false,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    query: Type.String(),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  }),
  res: Type.Array(Type.String()),
}, async ({ params, ctx }) => searchHashtags(ctx, { query: params.query, limit: params.limit ?? 10, offset: params.offset ?? 0 }));
