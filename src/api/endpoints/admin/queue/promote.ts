import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { promoteJobs } from '../../../../jobs/admin.js';

export default defineEndpoint({
  summary: 'Makes every delayed job of the deliver or inbox queue due now (older Misskey; see `admin/queue/promote-jobs` for any queue).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:queue',
  params: Type.Object({ type: Type.Union([Type.Literal('deliver'), Type.Literal('inbox')]) }),
}, async ({ ctx, params }) => { await promoteJobs(ctx, params.type); });
