import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listJobs } from '../../../../jobs/admin.js';
import { packQueueJob, QueueJobSchema, QueueNameSchema } from '../../../../jobs/pack.js';

const State = Type.Union(['active', 'wait', 'delayed', 'completed', 'failed', 'paused'].map((state) => Type.Literal(state)));

export default defineEndpoint({
  summary: 'The newest 50 jobs of a queue in the given states; `search` matches the job kind, id or data.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  params: Type.Object({
    queue: QueueNameSchema,
    state: Type.Array(State),
    search: Type.Optional(Type.String()),
  }),
  res: Type.Array(QueueJobSchema),
}, async ({ ctx, params }) => {
  const states = params.state.map((state) => state === 'wait' ? 'waiting' as const : state as 'active' | 'delayed' | 'completed' | 'failed' | 'paused');
  const jobs = await listJobs(ctx, params.queue, states, { search: params.search });
  return jobs.map(packQueueJob);
});
