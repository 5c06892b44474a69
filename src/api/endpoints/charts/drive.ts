import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readChart } from '../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Drive files stored and deleted (count and bytes) per hour or day, local and remote.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
  }),
  res: chartResponseSchema('drive'),
}, async ({ params, ctx }) => readChart(ctx, 'drive', '', { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
