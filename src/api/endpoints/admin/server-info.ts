import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { adminServerInfo } from '../../../core/moderation/database-stats.js';
import { AdminServerInfoSchema } from '../../../core/moderation/schema.js';

// Not in the spec's fork; meta as upstream Misskey (moderators, read:admin:server-info).
export default defineEndpoint({
  summary: 'The host and database: machine, OS, Node.js and PostgreSQL versions, CPU, memory, disk, network interface.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:server-info',
  params: Type.Object({}),
  res: AdminServerInfoSchema,
}, async ({ ctx }) => adminServerInfo(ctx));
