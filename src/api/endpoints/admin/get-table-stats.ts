import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { tableStats } from '../../../core/moderation/database-stats.js';

export default defineEndpoint({
  summary: 'Each database table: live rows and total size in bytes (indexes included), from PostgreSQL\'s statistics.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'read:admin:table-stats',
  params: Type.Object({}),
  res: Type.Record(Type.String(), Type.Object({ count: Type.Number(), size: Type.Number() })),
}, async ({ ctx }) => tableStats(ctx));
