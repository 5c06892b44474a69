import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { retryJob } from '../../../../jobs/admin.js';
import { NO_SUCH_JOB, QueueNameSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'Runs a failed job again (out of the dead-letter state), its attempts starting over.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:queue',
  errors: { noSuchJob: NO_SUCH_JOB },
  params: Type.Object({ queue: QueueNameSchema, jobId: Type.String() }),
}, async ({ ctx, params, fail }) => {
  if (!await retryJob(ctx, params.queue, params.jobId)) fail('noSuchJob');
});
