import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listHashtags } from '../../../core/hashtags/read.js';
import { HASHTAG_LIST_SORTS, HashtagSchema } from '../../../core/hashtags/schema.js';

export default defineEndpoint({
  summary: "Hashtags ordered by how many users used them in notes or profiles ('+' most first, '-' fewest first).",
  tags: ['hashtags'],
  requireCredential: false,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    attachedToUserOnly: Type.Optional(Type.Boolean({ default: false })),
    attachedToLocalUserOnly: Type.Optional(Type.Boolean({ default: false })),
    attachedToRemoteUserOnly: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Union(HASHTAG_LIST_SORTS.map((sort) => Type.Literal(sort))),
  }),
  res: Type.Array(HashtagSchema),
}, async ({ params, ctx }) => listHashtags(ctx, { ...params, limit: params.limit ?? 10 }));
