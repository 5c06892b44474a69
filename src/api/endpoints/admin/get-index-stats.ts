import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { indexStats } from '../../../core/moderation/database-stats.js';

export default defineEndpoint({
  summary: 'The database\'s indexes (PostgreSQL `pg_indexes`) with their definition, size in bytes and scan count.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'read:admin:index-stats',
  params: Type.Object({}),
  res: Type.Array(Type.Object({
    tablename: Type.String(),
    indexname: Type.String(),
    indexdef: Type.Optional(Type.String()),
    size: Type.Optional(Type.Number()),
    scans: Type.Optional(Type.Number()),
  })),
}, async ({ ctx }) => indexStats(ctx));
