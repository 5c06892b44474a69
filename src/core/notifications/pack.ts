import type { AppContext } from '../../context.js';
import type { NotificationRow } from '../../db/schema/index.js';
import { packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import type { Notification } from './schema.js';

/**
 * Notifications as clients show them, in order; one query for all notifiers. Notifications whose
 * notifier is gone, or of a type this server cannot pack yet, are left out (Misskey drops them too).
 */
export async function packNotifications(ctx: AppContext, rows: readonly NotificationRow[]): Promise<Notification[]> {
  const notifierIds = [...new Set(rows.flatMap((row) => (row.notifierId ? [row.notifierId] : [])))];
  const notifiers = new Map((await findUsersByIds(ctx, notifierIds)).map((user) => [user.id, packUserLite(ctx, user)]));
  return rows.flatMap((row): Notification[] => {
    const base = { id: row.id, createdAt: row.createdAt.toISOString() };
    if (row.type === 'app') return [{ ...base, type: 'app', body: row.customBody ?? '', header: row.customHeader, icon: row.customIcon }];
    const user = row.notifierId ? notifiers.get(row.notifierId) : undefined;
    if (!user) return [];
    const from = { ...base, user, userId: user.id };
    switch (row.type) {
      case 'follow': return [{ ...from, type: 'follow' }];
      case 'receiveFollowRequest': return [{ ...from, type: 'receiveFollowRequest' }];
      case 'followRequestAccepted': return [{ ...from, type: 'followRequestAccepted', message: row.message }];
      default: return [];
    }
  });
}
