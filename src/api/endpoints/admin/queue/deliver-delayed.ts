import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { delayedJobsByHost } from '../../../../jobs/admin.js';

export default defineEndpoint({
  summary: 'Delayed deliveries counted by destination host, most first: `[host, count]` pairs.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  params: Type.Object({}),
  res: Type.Array(Type.Tuple([Type.String(), Type.Integer()])),
}, async ({ ctx }) => delayedJobsByHost(ctx, 'deliver', ['to']));
