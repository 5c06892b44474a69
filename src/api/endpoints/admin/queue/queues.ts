import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { QUEUE_NAMES } from '../../../../jobs/define.js';
import { packQueueSummary, QueueSummarySchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'Every job queue with its counts and its completed and failed jobs per minute over the last hour.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  params: Type.Object({}),
  res: Type.Array(QueueSummarySchema),
}, async ({ ctx }) => Promise.all(QUEUE_NAMES.map((queue) => packQueueSummary(ctx, queue))));
