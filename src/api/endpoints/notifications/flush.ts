import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { flushNotifications } from '../../../core/notifications/read.js';

export default defineEndpoint({
  summary: 'Deletes all your notifications.',
  tags: ['notifications', 'account'],
  requireCredential: true,
  kind: 'write:notifications',
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await flushNotifications(ctx, me!.id);
});
