import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { delayedJobsByHost } from '../../../../jobs/admin.js';

export default defineEndpoint({
  summary: 'Delayed inbox jobs counted by the signing key\'s host, most first: `[host, count]` pairs.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:queue',
  params: Type.Object({}),
  res: Type.Array(Type.Tuple([Type.String(), Type.Integer()])),
}, async ({ ctx }) => delayedJobsByHost(ctx, 'inbox', ['signature', 'keyId']));
