import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { promoteJobs } from '../../../../jobs/admin.js';
import { QueueNameSchema } from '../../../../jobs/pack.js';

export default defineEndpoint({
  summary: 'Makes every delayed job of a queue due now.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:queue',
  params: Type.Object({ queue: QueueNameSchema }),
}, async ({ ctx, params }) => { await promoteJobs(ctx, params.queue); });
