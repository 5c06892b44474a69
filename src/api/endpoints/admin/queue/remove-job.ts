import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { removeJob } from '../../../../jobs/admin.js';
import { NO_SUCH_JOB, QueueNameSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'Deletes a job, whatever its state.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:queue',
  errors: { noSuchJob: NO_SUCH_JOB },
  params: Type.Object({ queue: QueueNameSchema, jobId: Type.String() }),
}, async ({ ctx, params, fail }) => {
  if (!await removeJob(ctx, params.queue, params.jobId)) fail('noSuchJob');
});
