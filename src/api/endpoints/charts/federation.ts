import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readChart } from '../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Federated instances per hour or day. Mikan does not federate yet: real, stored zeros.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
  }),
  res: chartResponseSchema('federation'),
}, async ({ params, ctx }) => readChart(ctx, 'federation', '', { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
