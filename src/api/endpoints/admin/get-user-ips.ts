import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listUserIps } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'The latest 30 addresses an account called the API from (recorded while `enableIpLogging` is on), newest first.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:user-ips',
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Array(Type.Object({ ip: Type.String(), createdAt: Type.String({ format: 'date-time' }) })),
}, async ({ params, ctx }) => listUserIps(ctx, params.userId));
