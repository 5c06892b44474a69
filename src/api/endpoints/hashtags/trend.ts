import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { hashtagTrend } from '../../../core/hashtags/read.js';
import { HashtagTrendSchema } from '../../../core/hashtags/schema.js';

export default defineEndpoint({
  summary: 'Trending hashtags: the 10 used by most local users in the last hour, with distinct users per 10 minutes (current first).',
  tags: ['hashtags'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({}),
  res: Type.Array(HashtagTrendSchema),
}, async ({ ctx }) => hashtagTrend(ctx));
