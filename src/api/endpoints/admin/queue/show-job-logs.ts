import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { jobLog } from '../../../../jobs/admin.js';
import { NO_SUCH_JOB, QueueNameSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'A job\'s log lines, oldest first: its history as the queue recorded it (created, attempts, progress, error, result).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  errors: { noSuchJob: NO_SUCH_JOB },
  params: Type.Object({ queue: QueueNameSchema, jobId: Type.String() }),
  res: Type.Array(Type.String()),
}, async ({ ctx, params, fail }) => await jobLog(ctx, params.queue, params.jobId) ?? fail('noSuchJob'));
