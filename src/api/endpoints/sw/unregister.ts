import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unregisterPushSubscription } from '../../../core/push/subscriptions.js';

export default defineEndpoint({
  summary: 'Drops the Web Push subscription with this endpoint (yours when signed in; works signed out too, for a browser whose session ended).',
  tags: ['account'],
  requireCredential: false,
  params: Type.Object({ endpoint: Type.String() }),
}, async ({ params, me, ctx }) => {
  await unregisterPushSubscription(ctx, me?.id ?? null, params.endpoint);
});
