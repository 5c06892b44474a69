import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { readChart } from '../../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'One user\'s followings and followers gained and lost per hour or day, with running totals.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: chartResponseSchema('per-user-following'),
}, async ({ params, ctx }) => readChart(ctx, 'per-user-following', params.userId, { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
