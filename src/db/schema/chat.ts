import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { driveFiles } from './drive.js';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Chat rooms (Misskey's `chat/rooms/*`): an owner and the members who joined by invitation. */
export const chatRooms = pgTable('chat_rooms', {
  id: id('id').primaryKey(),
  ownerId: userRef('owner_id'),
  name: varchar('name', { length: 256 }).notNull(),
  description: varchar('description', { length: 1024 }).notNull().default(''),
  createdAt: createdAt(),
}, (t) => [
  index('chat_rooms_owner_id_idx').on(t.ownerId, t.id),
]);

/**
 * A member of a room (the owner is not one: they belong to their room by owning it). `isMuted`:
 * the room's messages make nothing unread for them. `lastReadMessageId`: the newest message of the
 * room they have read (null: none yet; everything after joining is unread).
 */
export const chatRoomMemberships = pgTable('chat_room_memberships', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  roomId: id('room_id').notNull().references(() => chatRooms.id, { onDelete: 'cascade' }),
  isMuted: boolean('is_muted').notNull().default(false),
  lastReadMessageId: id('last_read_message_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('chat_room_memberships_user_room_key').on(t.userId, t.roomId),
  index('chat_room_memberships_room_id_idx').on(t.roomId, t.id),
]);

/** An invitation to a room; `ignored` once the invitee ignored it (the owner still sees it in the outbox). */
export const chatRoomInvitations = pgTable('chat_room_invitations', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  roomId: id('room_id').notNull().references(() => chatRooms.id, { onDelete: 'cascade' }),
  ignored: boolean('ignored').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('chat_room_invitations_user_room_key').on(t.userId, t.roomId),
  index('chat_room_invitations_room_id_idx').on(t.roomId, t.id),
]);

/**
 * A chat message, to one user (`toUserId`) or to a room (`toRoomId`). `isRead`: the recipient of a
 * 1:1 message has read it (room messages track reading per membership). `reactions`: entries
 * `<userId>/<reaction>`, as Misskey stores them.
 */
export const chatMessages = pgTable('chat_messages', {
  id: id('id').primaryKey(),
  fromUserId: userRef('from_user_id'),
  toUserId: id('to_user_id').references(() => users.id, { onDelete: 'cascade' }),
  toRoomId: id('to_room_id').references(() => chatRooms.id, { onDelete: 'cascade' }),
  text: varchar('text', { length: 4096 }),
  fileId: id('file_id').references(() => driveFiles.id, { onDelete: 'set null' }),
  isRead: boolean('is_read').notNull().default(false),
  reactions: text('reactions').array().notNull().default([]),
  createdAt: createdAt(),
}, (t) => [
  index('chat_messages_from_to_idx').on(t.fromUserId, t.toUserId, t.id),
  index('chat_messages_to_from_idx').on(t.toUserId, t.fromUserId, t.id),
  // `hasUnreadChatMessages` (on every `i`) and `chat/read-all` touch only the unread ones.
  index('chat_messages_unread_idx').on(t.toUserId).where(sql`${t.isRead} = false`),
  index('chat_messages_room_idx').on(t.toRoomId, t.id),
  index('chat_messages_file_idx').on(t.fileId),
]);

export type ChatRoomRow = typeof chatRooms.$inferSelect;
export type ChatRoomMembershipRow = typeof chatRoomMemberships.$inferSelect;
export type ChatRoomInvitationRow = typeof chatRoomInvitations.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
