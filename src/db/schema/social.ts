import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { accessTokens } from './auth.js';

export type FollowNotify = 'normal' | 'none';

const userRef = (name: string) => varchar(name, { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Who follows whom. The unique pair is what keeps `users.followers_count`/`following_count` exact:
 * a count moves only when an insert or delete of this row actually happened (core/following/).
 */
export const followings = pgTable('followings', {
  id: varchar('id', { length: 32 }).primaryKey(),
  followerId: userRef('follower_id'),
  followeeId: userRef('followee_id'),
  withReplies: boolean('with_replies').notNull().default(false),
  notify: varchar('notify', { length: 16 }).$type<FollowNotify>().notNull().default('none'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('followings_follower_followee_key').on(t.followerId, t.followeeId),
  // Paging a user's followers / followings by id.
  index('followings_followee_id_idx').on(t.followeeId, t.id),
  index('followings_follower_id_idx').on(t.followerId, t.id),
]);

/** Pending requests to follow a locked account. */
export const followRequests = pgTable('follow_requests', {
  id: varchar('id', { length: 32 }).primaryKey(),
  followerId: userRef('follower_id'),
  followeeId: userRef('followee_id'),
  withReplies: boolean('with_replies').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('follow_requests_follower_followee_key').on(t.followerId, t.followeeId),
  index('follow_requests_followee_id_idx').on(t.followeeId, t.id),
  index('follow_requests_follower_id_idx').on(t.followerId, t.id),
]);

export const blockings = pgTable('blockings', {
  id: varchar('id', { length: 32 }).primaryKey(),
  blockerId: userRef('blocker_id'),
  blockeeId: userRef('blockee_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('blockings_blocker_blockee_key').on(t.blockerId, t.blockeeId),
  index('blockings_blocker_id_idx').on(t.blockerId, t.id),
  index('blockings_blockee_id_idx').on(t.blockeeId),
]);

/** Mutes; an expired mute (expiresAt in the past) counts as absent everywhere it is read. */
export const mutings = pgTable('mutings', {
  id: varchar('id', { length: 32 }).primaryKey(),
  muterId: userRef('muter_id'),
  muteeId: userRef('mutee_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('mutings_muter_mutee_key').on(t.muterId, t.muteeId),
  index('mutings_muter_id_idx').on(t.muterId, t.id),
  index('mutings_mutee_id_idx').on(t.muteeId),
  index('mutings_expires_at_idx').on(t.expiresAt).where(sql`${t.expiresAt} IS NOT NULL`),
]);

export const renoteMutings = pgTable('renote_mutings', {
  id: varchar('id', { length: 32 }).primaryKey(),
  muterId: userRef('muter_id'),
  muteeId: userRef('mutee_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('renote_mutings_muter_mutee_key').on(t.muterId, t.muteeId),
  index('renote_mutings_muter_id_idx').on(t.muterId, t.id),
]);

/**
 * Notifications, Misskey's types (`type`); which entity columns are set depends on the type.
 * Notes, lists and achievements arrive with their features and store their ids here.
 */
export const notifications = pgTable('notifications', {
  id: varchar('id', { length: 32 }).primaryKey(),
  notifieeId: userRef('notifiee_id'),
  notifierId: varchar('notifier_id', { length: 32 }).references(() => users.id, { onDelete: 'cascade' }),
  type: varchar('type', { length: 64 }).notNull(),
  noteId: varchar('note_id', { length: 32 }),
  followRequestId: varchar('follow_request_id', { length: 32 }),
  userListId: varchar('user_list_id', { length: 32 }),
  achievement: varchar('achievement', { length: 128 }),
  reaction: varchar('reaction', { length: 260 }),
  /** scheduledNotePostFailed: the draft that could not be posted. */
  noteDraftId: varchar('note_draft_id', { length: 32 }),
  /** `chatRoomInvitationReceived`: the invitation (gone once answered: the notification is then left out). */
  chatRoomInvitationId: varchar('chat_room_invitation_id', { length: 32 }),
  /** followRequestAccepted: the followee's `followedMessage` at the time. */
  message: varchar('message', { length: 256 }),
  customBody: varchar('custom_body', { length: 2048 }),
  customHeader: varchar('custom_header', { length: 256 }),
  customIcon: varchar('custom_icon', { length: 1024 }),
  /** exportCompleted: what was exported, and the drive file holding it (no foreign key: the file may be deleted, the notification stays). */
  exportedEntity: varchar('exported_entity', { length: 32 }),
  fileId: varchar('file_id', { length: 32 }),
  appAccessTokenId: varchar('app_access_token_id', { length: 32 }).references(() => accessTokens.id, { onDelete: 'cascade' }),
  isRead: boolean('is_read').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  index('notifications_notifiee_id_idx').on(t.notifieeId, t.id),
  // The unread state on `i` counts only these rows.
  index('notifications_unread_idx').on(t.notifieeId).where(sql`${t.isRead} = false`),
]);

export type FollowingRow = typeof followings.$inferSelect;
export type FollowRequestRow = typeof followRequests.$inferSelect;
export type BlockingRow = typeof blockings.$inferSelect;
export type MutingRow = typeof mutings.$inferSelect;
export type RenoteMutingRow = typeof renoteMutings.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
