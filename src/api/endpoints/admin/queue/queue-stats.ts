import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { packQueueStats, QueueNameSchema, QueueStatsSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'One job queue: counts, metrics, and the PostgreSQL server that holds it (where Misskey reports Redis).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  params: Type.Object({ queue: QueueNameSchema }),
  res: QueueStatsSchema,
}, async ({ ctx, params }) => packQueueStats(ctx, params.queue));
