import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listNotifications, markAllNotificationsRead } from '../../../core/notifications/read.js';
import { packNotifications } from '../../../core/notifications/pack.js';
import { GROUPING_EXTRA, groupNotifications } from '../../../core/notifications/grouped.js';
import { GroupedNotificationResponseSchema, NOTIFICATION_TYPES } from '../../../core/notifications/schema.js';

const NotificationType = Type.Union(NOTIFICATION_TYPES.map((type) => Type.Literal(type)));

export default defineEndpoint({
  summary: 'Your notifications with reactions to one note and renotes of one note grouped. Reading them marks all as read unless `markAsRead` is false.',
  tags: ['account', 'notifications'],
  requireCredential: true,
  kind: 'read:notifications',
  limit: { duration: 30_000, max: 30 },
  params: Type.Object({
    ...pageParams(10),
    markAsRead: Type.Optional(Type.Boolean({ default: true })),
    includeTypes: Type.Optional(Type.Array(NotificationType)),
    excludeTypes: Type.Optional(Type.Array(NotificationType)),
  }),
  res: Type.Array(GroupedNotificationResponseSchema),
}, async ({ params, me, ctx }) => {
  const limit = params.limit ?? 10;
  const rows = await listNotifications(ctx, me!.id, { ...params, limit: limit + GROUPING_EXTRA });
  if (params.markAsRead ?? true) await markAllNotificationsRead(ctx, me!.id);
  return groupNotifications(await packNotifications(ctx, rows), limit);
});
