import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readChart } from '../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'ActivityPub deliveries and inbox requests per hour or day. Mikan does not federate yet: real, stored zeros.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
  }),
  res: chartResponseSchema('ap-request'),
}, async ({ params, ctx }) => readChart(ctx, 'ap-request', '', { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
