import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { markAllNotificationsRead } from '../../../core/notifications/read.js';

export default defineEndpoint({
  summary: 'Marks all your notifications as read.',
  tags: ['notifications', 'account'],
  requireCredential: true,
  kind: 'write:notifications',
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await markAllNotificationsRead(ctx, me!.id);
});
