import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createNotification } from '../../../core/notifications/create.js';

export default defineEndpoint({
  summary: 'Sends you a `test` notification.',
  tags: ['notifications'],
  requireCredential: true,
  kind: 'write:notifications',
  limit: { duration: 60_000, max: 10 },
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await createNotification(ctx, undefined, { notifieeId: me!.id, type: 'test' });
});
