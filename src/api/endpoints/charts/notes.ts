import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readChart } from '../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Notes created and deleted per hour or day, with the running total, local and remote.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
  }),
  res: chartResponseSchema('notes'),
}, async ({ params, ctx }) => readChart(ctx, 'notes', '', { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
