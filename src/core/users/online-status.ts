import type { UserRow } from '../../db/schema/index.js';

export type OnlineStatus = 'unknown' | 'online' | 'active' | 'offline';

/** Misskey's thresholds for `onlineStatus`. */
const ONLINE_THRESHOLD_MS = 10 * 60 * 1000;
const ACTIVE_THRESHOLD_MS = 3 * 24 * 60 * 60 * 1000;

export function onlineStatus(user: Pick<UserRow, 'hideOnlineStatus' | 'lastActiveDate'>, now = Date.now()): OnlineStatus {
  if (user.hideOnlineStatus || !user.lastActiveDate) return 'unknown';
  const elapsed = now - user.lastActiveDate.getTime();
  return elapsed <= ONLINE_THRESHOLD_MS ? 'online' : elapsed <= ACTIVE_THRESHOLD_MS ? 'active' : 'offline';
}
