import type { entities } from 'misskey-js';

type Grouped = entities.Notification;
type ReactionNotification = Extract<entities.Notification, { type: 'reaction' }>;
type RenoteNotification = Extract<entities.Notification, { type: 'renote' }>;

/** Misskey reads this many notifications beyond `limit` so groups can fill up. */
export const GROUPING_EXTRA = 100;

/**
 * Misskey's `i/notifications-grouped` (newest first in, newest first out): consecutive `reaction`
 * notifications on one note become one `reaction:grouped`, consecutive `renote` notifications of
 * one note one `renote:grouped`. A group carries the id of its oldest member (so `untilId` paging
 * continues after it) and the newest member's time; single notifications pass through unchanged.
 */
export function groupNotifications(items: readonly entities.Notification[], limit: number): Grouped[] {
  const out: Grouped[] = [];
  let prev: entities.Notification | undefined;
  for (const item of items) {
    const last = out.at(-1);
    if (prev && last && item.type === 'reaction' && prev.type === 'reaction' && prev.note.id === item.note.id) {
      const group: Extract<Grouped, { type: 'reaction:grouped' }> = last.type === 'reaction:grouped' ? last : startReactionGroup(prev);
      group.reactions.push({ user: item.user, reaction: item.reaction });
      group.id = item.id;
      out[out.length - 1] = group;
    } else if (prev && last && item.type === 'renote' && prev.type === 'renote' && renoteTarget(prev) != null && renoteTarget(prev) === renoteTarget(item)) {
      const group: Extract<Grouped, { type: 'renote:grouped' }> = last.type === 'renote:grouped' ? last : startRenoteGroup(prev);
      group.users.push(item.user);
      group.id = item.id;
      out[out.length - 1] = group;
    } else {
      out.push(item);
    }
    prev = item;
  }
  return out.slice(0, limit);
}

function startReactionGroup(first: ReactionNotification): Extract<Grouped, { type: 'reaction:grouped' }> {
  return { id: first.id, createdAt: first.createdAt, type: 'reaction:grouped', note: first.note, reactions: [{ user: first.user, reaction: first.reaction }] };
}

function startRenoteGroup(first: RenoteNotification): Extract<Grouped, { type: 'renote:grouped' }> {
  return { id: first.id, createdAt: first.createdAt, type: 'renote:grouped', note: first.note, users: [first.user] };
}

/** The note a renote notification's renote points at. */
function renoteTarget(notification: RenoteNotification): string | null | undefined {
  return notification.note.renoteId;
}
