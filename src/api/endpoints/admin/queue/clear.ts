import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { clearJobs } from '../../../../jobs/admin.js';
import { QueueNameSchema } from '../../../../jobs/pack.js';

const State = Type.Union(['*', 'wait', 'delayed', 'completed', 'active', 'paused', 'prioritized', 'failed'].map((state) => Type.Literal(state)));

export default defineEndpoint({
  summary: 'Deletes the jobs of a queue in one state (`*`: all but running ones). The queue is `queue` (misskey-js) or `type` (older Misskey).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:queue',
  errors: { noQueue: { message: 'Invalid param: name the queue in `queue` (or `type`).', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532', httpStatusCode: 400 } },
  params: Type.Object({ queue: Type.Optional(QueueNameSchema), type: Type.Optional(QueueNameSchema), state: State }),
}, async ({ ctx, params, fail }) => {
  const queue = params.queue ?? params.type ?? fail('noQueue');
  const state = params.state === 'wait' ? 'waiting' : params.state === 'prioritized' ? 'waiting' : params.state;
  await clearJobs(ctx, queue, state as Parameters<typeof clearJobs>[2]);
});
