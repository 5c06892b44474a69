import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { StatsSchema } from '../../core/stats/schema.js';
import { getStats } from '../../core/stats/stats.js';

export default defineEndpoint({
  summary: 'Instance-wide counters: users, notes, known instances and drive usage.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({}),
  res: StatsSchema,
}, async ({ ctx }) => getStats(ctx));
