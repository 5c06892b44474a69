import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { readChart } from '../../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'One user\'s notes created and deleted per hour or day, with the running total.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: chartResponseSchema('per-user-notes'),
}, async ({ params, ctx }) => readChart(ctx, 'per-user-notes', params.userId, { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
