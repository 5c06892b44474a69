import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readChart } from '../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Unique local users who read a timeline, posted, or both, per hour or day, grouped by how long ago they registered.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
  }),
  res: chartResponseSchema('active-users'),
}, async ({ params, ctx }) => readChart(ctx, 'active-users', '', { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
