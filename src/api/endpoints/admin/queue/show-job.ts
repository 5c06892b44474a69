import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { showJob } from '../../../../jobs/admin.js';
import { NO_SUCH_JOB, packQueueJob, QueueJobSchema, QueueNameSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'One job of a queue.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  errors: { noSuchJob: NO_SUCH_JOB },
  params: Type.Object({ queue: QueueNameSchema, jobId: Type.String() }),
  res: QueueJobSchema,
}, async ({ ctx, params, fail }) => {
  const job = await showJob(ctx, params.queue, params.jobId) ?? fail('noSuchJob');
  return packQueueJob(job);
});
