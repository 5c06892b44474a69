import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { queueCounts } from '../../../../jobs/admin.js';
import { QueueCountSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'Job counts of the deliver, inbox, db and objectStorage queues.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  // Misskey's own (a copy-paste in its source); kept so that tokens made for Misskey work the same.
  kind: 'read:admin:emoji',
  params: Type.Object({}),
  res: Type.Object({ deliver: QueueCountSchema, inbox: QueueCountSchema, db: QueueCountSchema, objectStorage: QueueCountSchema }),
}, async ({ ctx }) => {
  const [deliver, inbox, db, objectStorage] = await Promise.all((['deliver', 'inbox', 'db', 'objectStorage'] as const).map((queue) => queueCounts(ctx, queue)));
  const count = ({ waiting, active, completed, failed, delayed }: Awaited<ReturnType<typeof queueCounts>>) => ({ waiting, active, completed, failed, delayed });
  return { deliver: count(deliver!), inbox: count(inbox!), db: count(db!), objectStorage: count(objectStorage!) };
});
