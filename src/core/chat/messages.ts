import { and, desc, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { chatMessages, chatRoomMemberships, chatRooms, driveFiles, type ChatMessageRow, type ChatRoomRow, type UserRow } from '../../db/schema/index.js';
import { publishChatRoomStream, publishChatUserStream, publishMainStream } from '../../bus/topics.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { blockBetween } from '../blocking/blocking.js';
import { isFollowing } from '../following/follow.js';
import { paginate, type Page } from '../pagination.js';
import { customEmojiName, normalizeUnicodeReaction } from '../reactions/normalize.js';
import { findLocalEmojiByName } from '../emojis/read.js';
import { policiesOf } from '../roles/policies.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import { packMessagesDetailed, packMessagesLiteFor1on1, packMessagesLiteForRoom } from './pack.js';
import { canViewRoom, findRoom, roomAudience } from './rooms.js';

/**
 * Chat messages (Misskey's `ChatService`): 1:1 messages and room messages, their reactions and
 * read state, and the stream events they cause. Who may write to whom:
 * - the role policy `chatAvailability`: `available` reads and writes, `readonly` only reads,
 *   `unavailable` neither (the recipient must at least be able to read);
 * - the recipient's `chatScope`: `everyone`, `following` (people they follow), `followers` (people
 *   following them), `mutual`, `none`;
 * - a block either way refuses the message (Mikan: Misskey checks only the recipient's block).
 */

export interface ChatAvailability { read: boolean; write: boolean }

export async function chatAvailabilityOf(ctx: AppContext, userId: string): Promise<ChatAvailability> {
  const { chatAvailability } = await policiesOf(ctx, userId);
  return { read: chatAvailability !== 'unavailable', write: chatAvailability === 'available' };
}

/** Whether `recipient`'s `chatScope` admits messages from `senderId`. */
export async function scopeAdmits(ctx: AppContext, recipient: Pick<UserRow, 'id' | 'chatScope'>, senderId: string): Promise<boolean> {
  switch (recipient.chatScope) {
    case 'everyone': return true;
    case 'none': return false;
    case 'following': return isFollowing(ctx.db, recipient.id, senderId);
    case 'followers': return isFollowing(ctx.db, senderId, recipient.id);
    case 'mutual': return await isFollowing(ctx.db, recipient.id, senderId) && await isFollowing(ctx.db, senderId, recipient.id);
    default: return false;
  }
}

export interface MessageContent { text?: string | null; fileId?: string }

type ContentError = 'noSuchFile' | 'contentRequired';

/** The file must be the sender's own; a message needs text or a file. */
async function checkContent(ctx: AppContext, senderId: string, content: MessageContent): Promise<ContentError | null> {
  if (content.fileId !== undefined) {
    const [file] = await ctx.db.select({ id: driveFiles.id }).from(driveFiles)
      .where(and(eq(driveFiles.id, content.fileId), eq(driveFiles.userId, senderId))).limit(1);
    if (!file) return 'noSuchFile';
  }
  if ((content.text == null || content.text.trim() === '') && content.fileId === undefined) return 'contentRequired';
  return null;
}

export type SendToUserResult = { message: ChatMessageRow } | { error: ContentError | 'youHaveBeenBlocked' | 'recipientRefusesChat' };

/** A 1:1 message; the sender and the recipient are told on their `chatUser` streams, the recipient on `main` (`newChatMessage`). */
export async function sendToUser(ctx: AppContext, sender: AuthUser, recipient: UserRow, content: MessageContent): Promise<SendToUserResult> {
  const contentError = await checkContent(ctx, sender.id, content);
  if (contentError) return { error: contentError };
  const blocks = await blockBetween(ctx.db, sender.id, recipient.id);
  if (blocks.blocked) return { error: 'youHaveBeenBlocked' };
  if (blocks.blocking) return { error: 'recipientRefusesChat' };
  if (!(await chatAvailabilityOf(ctx, recipient.id)).read) return { error: 'recipientRefusesChat' };
  if (!await scopeAdmits(ctx, recipient, sender.id)) return { error: 'recipientRefusesChat' };
  const [message] = await ctx.db.insert(chatMessages).values({
    id: genId(), fromUserId: sender.id, toUserId: recipient.id, text: content.text ?? null, fileId: content.fileId ?? null,
  }).returning();
  const [lite] = await packMessagesLiteFor1on1(ctx, [message!]);
  publishChatUserStream(ctx, sender.id, recipient.id, 'message', lite);
  publishChatUserStream(ctx, recipient.id, sender.id, 'message', lite);
  const [detailed] = await packMessagesDetailed(ctx, [message!], recipient);
  if (detailed) publishMainStream(ctx, recipient.id, 'newChatMessage', detailed);
  return { message: message! };
}

export type SendToRoomResult = { message: ChatMessageRow } | { error: ContentError };

/** A room message: to the `chatRoom` stream, and `newChatMessage` on `main` for every other member who has not muted the room. */
export async function sendToRoom(ctx: AppContext, sender: AuthUser, room: ChatRoomRow, content: MessageContent): Promise<SendToRoomResult> {
  const contentError = await checkContent(ctx, sender.id, content);
  if (contentError) return { error: contentError };
  const [message] = await ctx.db.insert(chatMessages).values({
    id: genId(), fromUserId: sender.id, toRoomId: room.id, text: content.text ?? null, fileId: content.fileId ?? null,
  }).returning();
  const [lite] = await packMessagesLiteForRoom(ctx, [message!], null);
  publishChatRoomStream(ctx, room.id, 'message', lite);
  const recipients = (await roomAudience(ctx, room)).filter((member) => member.userId !== sender.id && !member.isMuted);
  if (recipients.length > 0) {
    // Packed once: what differs per viewer (the room's isMuted, invitationExists) is false for every unmuted member.
    const [detailed] = await packMessagesDetailed(ctx, [message!], { id: recipients[0]!.userId } as AuthUser);
    if (detailed) for (const member of recipients) publishMainStream(ctx, member.userId, 'newChatMessage', detailed);
  }
  return { message: message! };
}

export async function findMessage(ctx: AppContext, id: string): Promise<ChatMessageRow | null> {
  const [row] = await ctx.db.select().from(chatMessages).where(eq(chatMessages.id, id)).limit(1);
  return row ?? null;
}

/** A message the user may read: one they sent or received, or one of a room they own or belong to. */
export async function findReadableMessage(ctx: AppContext, id: string, userId: string): Promise<ChatMessageRow | null> {
  const message = await findMessage(ctx, id);
  if (!message) return null;
  if (message.fromUserId === userId || message.toUserId === userId) return message;
  if (message.toRoomId) {
    const room = await findRoom(ctx, message.toRoomId);
    if (room && await canViewRoom(ctx, room, userId)) return message;
  }
  return null;
}

function publishMessageEvent(ctx: AppContext, message: ChatMessageRow, type: string, body: unknown): void {
  if (message.toRoomId) {
    publishChatRoomStream(ctx, message.toRoomId, type, body);
  } else if (message.toUserId) {
    publishChatUserStream(ctx, message.fromUserId, message.toUserId, type, body);
    publishChatUserStream(ctx, message.toUserId, message.fromUserId, type, body);
  }
}

/** Deletes one of the user's own messages (false for anything else); `deleted` with its id on the stream. */
export async function deleteOwnMessage(ctx: AppContext, id: string, userId: string): Promise<boolean> {
  const [deleted] = await ctx.db.delete(chatMessages).where(and(eq(chatMessages.id, id), eq(chatMessages.fromUserId, userId))).returning();
  if (!deleted) return false;
  publishMessageEvent(ctx, deleted, 'deleted', deleted.id);
  return true;
}

/** Misskey's reaction normalisation: a known local custom emoji as `:name:`, anything else as a Unicode emoji (❤ when none). */
async function normalizeReaction(ctx: AppContext, reaction: string): Promise<string> {
  const name = customEmojiName(reaction);
  if (name !== null) return await findLocalEmojiByName(ctx, name) ? `:${name}:` : normalizeUnicodeReaction(null);
  return normalizeUnicodeReaction(reaction);
}

/** Adds (or removes) the user's reaction; `react` / `unreact` with `{ messageId, user, reaction }` on the stream. */
export async function setReaction(ctx: AppContext, message: ChatMessageRow, user: AuthUser, rawReaction: string, on: boolean): Promise<void> {
  const reaction = on ? await normalizeReaction(ctx, rawReaction) : rawReaction;
  const entry = `${user.id}/${reaction}`;
  const updated = on
    ? await ctx.db.update(chatMessages).set({ reactions: sql`array_append(${chatMessages.reactions}, ${entry})` })
      .where(and(eq(chatMessages.id, message.id), sql`NOT (${entry} = ANY(${chatMessages.reactions}))`)).returning({ id: chatMessages.id })
    : await ctx.db.update(chatMessages).set({ reactions: sql`array_remove(${chatMessages.reactions}, ${entry})` })
      .where(and(eq(chatMessages.id, message.id), sql`${entry} = ANY(${chatMessages.reactions})`)).returning({ id: chatMessages.id });
  if (updated.length === 0) return;
  const reactor = (await findUsersForPacking(ctx, [user.id])).get(user.id);
  if (reactor) publishMessageEvent(ctx, message, on ? 'react' : 'unreact', { messageId: message.id, user: packUserLite(ctx, reactor, null), reaction });
}

/** The conversation between two users, newest first (or oldest first from `sinceId`). */
export function userTimeline(ctx: AppContext, userId: string, otherId: string, page: Page & { limit: number }): Promise<ChatMessageRow[]> {
  const { where, orderBy } = paginate(chatMessages.id, page);
  return ctx.db.select().from(chatMessages).where(and(or(
    and(eq(chatMessages.fromUserId, userId), eq(chatMessages.toUserId, otherId)),
    and(eq(chatMessages.fromUserId, otherId), eq(chatMessages.toUserId, userId)),
  ), where)).orderBy(orderBy).limit(page.limit);
}

export function roomTimeline(ctx: AppContext, roomId: string, page: Page & { limit: number }): Promise<ChatMessageRow[]> {
  const { where, orderBy } = paginate(chatMessages.id, page);
  return ctx.db.select().from(chatMessages).where(and(eq(chatMessages.toRoomId, roomId), where)).orderBy(orderBy).limit(page.limit);
}

/** Marks the messages `otherId` sent to `userId` read. */
export async function readUserMessages(ctx: AppContext, userId: string, otherId: string): Promise<void> {
  await ctx.db.update(chatMessages).set({ isRead: true })
    .where(and(eq(chatMessages.toUserId, userId), eq(chatMessages.fromUserId, otherId), eq(chatMessages.isRead, false)));
}

/** Marks the room read for a member up to its newest message (the owner, not a member, has no read state). */
export async function readRoomMessages(ctx: AppContext, userId: string, roomId: string): Promise<void> {
  await ctx.db.update(chatRoomMemberships).set({
    lastReadMessageId: sql`(SELECT max(${chatMessages.id}) FROM ${chatMessages} WHERE ${chatMessages.toRoomId} = ${roomId})`,
  }).where(and(eq(chatRoomMemberships.userId, userId), eq(chatRoomMemberships.roomId, roomId)));
}

/** `chat/read-all`: every 1:1 message to the user and every room they belong to. */
export async function readAll(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.update(chatMessages).set({ isRead: true }).where(and(eq(chatMessages.toUserId, userId), eq(chatMessages.isRead, false)));
  await ctx.db.update(chatRoomMemberships).set({
    lastReadMessageId: sql`(SELECT max(${chatMessages.id}) FROM ${chatMessages} WHERE ${chatMessages.toRoomId} = ${chatRoomMemberships.roomId})`,
  }).where(eq(chatRoomMemberships.userId, userId));
}

/**
 * `hasUnreadChatMessages`: an unread 1:1 message from someone not blocked either way, or a message
 * by someone else in an unmuted room the user joined, newer than what they read.
 */
export async function hasUnreadChatMessages(ctx: AppContext, userId: string): Promise<boolean> {
  const { rows } = await ctx.db.execute<{ unread: boolean }>(sql`SELECT (
    EXISTS (SELECT 1 FROM chat_messages m WHERE m.to_user_id = ${userId} AND m.is_read = false
      AND NOT EXISTS (SELECT 1 FROM blockings b WHERE (b.blocker_id = ${userId} AND b.blockee_id = m.from_user_id) OR (b.blocker_id = m.from_user_id AND b.blockee_id = ${userId})))
    OR EXISTS (SELECT 1 FROM chat_room_memberships r WHERE r.user_id = ${userId} AND r.is_muted = false
      AND EXISTS (SELECT 1 FROM chat_messages m WHERE m.to_room_id = r.room_id AND m.id > coalesce(r.last_read_message_id, r.id) AND m.from_user_id <> ${userId}))
  ) AS unread`);
  return rows[0]?.unread ?? false;
}

/**
 * `chat/history`: the newest message of each 1:1 conversation (partners blocked either way left
 * out), or of each room the user owns or joined; newest conversation first.
 */
export async function history(ctx: AppContext, userId: string, rooms: boolean, limit: number): Promise<ChatMessageRow[]> {
  const ids = rooms
    ? await ctx.db.execute<{ id: string }>(sql`SELECT (SELECT max(m.id) FROM chat_messages m WHERE m.to_room_id = r.id) AS id FROM (
        SELECT id FROM chat_rooms WHERE owner_id = ${userId} UNION SELECT room_id FROM chat_room_memberships WHERE user_id = ${userId}) r`)
    : await ctx.db.execute<{ id: string }>(sql`SELECT max(id) AS id FROM (
        SELECT id, to_user_id AS other FROM chat_messages WHERE from_user_id = ${userId} AND to_user_id IS NOT NULL
        UNION ALL SELECT id, from_user_id AS other FROM chat_messages WHERE to_user_id = ${userId}) c
        WHERE NOT EXISTS (SELECT 1 FROM blockings b WHERE (b.blocker_id = ${userId} AND b.blockee_id = c.other) OR (b.blocker_id = c.other AND b.blockee_id = ${userId}))
        GROUP BY other`);
  const latest = ids.rows.flatMap((row) => row.id ? [row.id] : []);
  if (latest.length === 0) return [];
  return ctx.db.select().from(chatMessages).where(inArray(chatMessages.id, latest)).orderBy(desc(chatMessages.id)).limit(limit);
}

/** `chat/messages/search`: text matches in the user's conversations (one partner, one room, or all of them). */
export async function searchMessages(ctx: AppContext, userId: string, query: string, options: { limit: number; otherId?: string | null; roomId?: string | null }): Promise<ChatMessageRow[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let scope;
  if (options.roomId) scope = eq(chatMessages.toRoomId, options.roomId);
  else if (options.otherId) {
    scope = or(and(eq(chatMessages.fromUserId, userId), eq(chatMessages.toUserId, options.otherId)),
      and(eq(chatMessages.fromUserId, options.otherId), eq(chatMessages.toUserId, userId)));
  } else {
    const myRooms = sql`(SELECT ${chatRooms.id} FROM ${chatRooms} WHERE ${chatRooms.ownerId} = ${userId} UNION SELECT ${chatRoomMemberships.roomId} FROM ${chatRoomMemberships} WHERE ${chatRoomMemberships.userId} = ${userId})`;
    scope = or(eq(chatMessages.fromUserId, userId), eq(chatMessages.toUserId, userId), sql`${chatMessages.toRoomId} IN ${myRooms}`);
  }
  return ctx.db.select().from(chatMessages).where(and(scope, isNotNull(chatMessages.text), ilike(chatMessages.text, pattern)))
    .orderBy(desc(chatMessages.id)).limit(options.limit);
}

/** `drive/files/attached-chat-messages`: the messages the user sent with one of their files. */
export function messagesWithFile(ctx: AppContext, userId: string, fileId: string, page: Page & { limit: number }): Promise<ChatMessageRow[]> {
  const { where, orderBy } = paginate(chatMessages.id, page);
  return ctx.db.select().from(chatMessages).where(and(eq(chatMessages.fileId, fileId), eq(chatMessages.fromUserId, userId), where)).orderBy(orderBy).limit(page.limit);
}

