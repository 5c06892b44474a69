import { foreignKeyViolation } from '../../db/errors.js';
import { and, eq, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, mutings, notifications, userProfiles, type NotificationRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { muteIsActive } from '../muting/muting.js';
import { publishMainStream } from '../../bus/topics.js';
import { packNotifications } from './pack.js';
import { mailNotification } from '../email/notifications.js';
import { queueNotificationPush } from '../push/deliver.js';

/** The types Mikan produces so far; later features add theirs (note, mention, reaction, …). */
export type NotificationType = 'follow' | 'receiveFollowRequest' | 'followRequestAccepted' | 'app' | 'login' | 'createToken'
  | 'mention' | 'reply' | 'renote' | 'quote' | 'reaction' | 'pollEnded' | 'scheduledNotePosted' | 'scheduledNotePostFailed'
  | 'exportCompleted' | 'achievementEarned' | 'test' | 'chatRoomInvitationReceived';

/** What `exportCompleted` says was exported (misskey-js `exportedEntity`). */
export type ExportedEntity = 'antenna' | 'blocking' | 'clip' | 'customEmoji' | 'favorite' | 'following' | 'muting' | 'note' | 'userList';

export interface NewNotification {
  notifieeId: string;
  notifierId?: string | null;
  type: NotificationType;
  noteId?: string | null;
  followRequestId?: string | null;
  reaction?: string | null;
  noteDraftId?: string | null;
  message?: string | null;
  customBody?: string | null;
  customHeader?: string | null;
  customIcon?: string | null;
  appAccessTokenId?: string | null;
  exportedEntity?: ExportedEntity | null;
  fileId?: string | null;
  achievement?: string | null;
  chatRoomInvitationId?: string | null;
}

/**
 * The one way to notify someone. Skips (returns null), as Misskey does: notifications to oneself,
 * from a user the notifiee mutes (active mutes only) or blocks, or from a user who blocks the
 * notifiee, and types the notifiee set to `never` in `notificationRecieveConfig`.
 * Pass `tx` to commit it with the write that caused it; `announce: false` leaves the streaming events to
 * the caller (`announceNotification` once committed), for a notification naming rows a client fetches at once.
 */
export async function createNotification(ctx: AppContext, tx: Executor | undefined, input: NewNotification, options: { announce?: boolean } = {}): Promise<NotificationRow | null> {
  const db = tx ?? ctx.db;
  const { notifieeId, notifierId } = input;
  if (notifierId && notifierId === notifieeId) return null;

  const [profile] = await db.select({ config: userProfiles.notificationRecieveConfig }).from(userProfiles).where(eq(userProfiles.userId, notifieeId));
  if (profile?.config[input.type]?.type === 'never') return null;

  if (notifierId) {
    const [muted] = await db.select({ one: sql`1` }).from(mutings)
      .where(and(eq(mutings.muterId, notifieeId), eq(mutings.muteeId, notifierId), muteIsActive)).limit(1);
    if (muted) return null;
    const [blocked] = await db.select({ one: sql`1` }).from(blockings).where(or(
      and(eq(blockings.blockerId, notifieeId), eq(blockings.blockeeId, notifierId)),
      and(eq(blockings.blockerId, notifierId), eq(blockings.blockeeId, notifieeId)),
    )).limit(1);
    if (blocked) return null;
  }

  let row: NotificationRow | undefined;
  try {
    [row] = await db.insert(notifications).values({ id: genId(), ...input, notifierId: notifierId ?? null }).returning();
  } catch (error) {
    // Outside a transaction, the note (or account) it names deleted meanwhile means nothing to notify
    // of (a reply whose target was deleted just after it was posted), not a failed request.
    if (!tx && foreignKeyViolation(error)) return null;
    throw error;
  }
  // The types the notifiee chose (`emailNotificationTypes`) also go by mail, queued with the notification.
  if (row) await mailNotification(ctx, db, row);
  // And to the notifiee's browsers that subscribed to push notifications (sw/register).
  if (row) await queueNotificationPush(ctx, db, row);
  if (row && options.announce !== false) announceNotification(ctx, row);
  return row ?? null;
}

/** Misskey waits this long before telling a client a notification is still unread. */
const UNREAD_DELAY_MS = 2000;

/**
 * Streaming: `notification` on the notifiee's main stream at once, then `unreadNotification` if it is
 * still unread two seconds later (Misskey). Packed outside the caller's transaction, in the background.
 */
export function announceNotification(ctx: AppContext, row: NotificationRow): void {
  void (async () => {
    const [packed] = await packNotifications(ctx, [row]);
    if (!packed) return;
    publishMainStream(ctx, row.notifieeId, 'notification', packed);
    const timer = setTimeout(() => {
      ctx.db.select({ isRead: notifications.isRead }).from(notifications).where(eq(notifications.id, row.id))
        .then(([current]) => { if (current && !current.isRead) publishMainStream(ctx, row.notifieeId, 'unreadNotification', packed); })
        .catch(() => { /* shutting down, or the notification is gone */ });
    }, UNREAD_DELAY_MS);
    timer.unref();
  })().catch((error) => ctx.log.warn({ err: error }, 'could not publish a notification'));
}
