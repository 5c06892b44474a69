import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { readChart } from '../../../../core/charts/read.js';
import { chartParams, chartResponseSchema } from '../../../../core/charts/schema.js';

export default defineEndpoint({
  summary: 'Reactions one user\'s notes received per hour or day, from local and remote users.',
  tags: ['charts'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    ...chartParams,
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: chartResponseSchema('per-user-reactions'),
}, async ({ params, ctx }) => readChart(ctx, 'per-user-reactions', params.userId, { span: params.span, limit: params.limit ?? 30, offset: params.offset ?? null }));
