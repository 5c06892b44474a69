import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { countOnlineUsers } from '../../core/users/stats.js';

export default defineEndpoint({
  summary: 'How many accounts were active in the last 10 minutes.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({}),
  res: Type.Object({ count: Type.Integer({ minimum: 0 }) }),
}, async ({ ctx }) => ({ count: await countOnlineUsers(ctx) }));
