import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { readChart } from '../../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Views of one user\'s profile per hour or day: by signed-in users and by visitors, all and unique.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: chartResponseSchema('per-user-pv'),
}, async ({ params, ctx }) => readChart(ctx, 'per-user-pv', params.userId, { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
