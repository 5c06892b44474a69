import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import {
  chatRoomInvitations, chatRoomMemberships, chatRooms,
  type ChatMessageRow, type ChatRoomInvitationRow, type ChatRoomMembershipRow, type ChatRoomRow,
} from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import type { DriveFile } from '../drive/schema.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { UserRow } from '../../db/schema/index.js';
import type {
  ChatMessage, ChatMessageLiteFor1on1, ChatMessageLiteForRoom, ChatRoom, ChatRoomInvitation, ChatRoomMembership,
} from './schema.js';

/**
 * Chat entities as misskey-js shapes them. Each function packs a whole list in a fixed number of
 * queries (users, files, rooms and the viewer's room state are loaded once per call).
 */

/** A stored reaction entry `<userId>/<reaction>`. */
export function splitReaction(entry: string): { userId: string; reaction: string } {
  const slash = entry.indexOf('/');
  return { userId: entry.slice(0, slash), reaction: entry.slice(slash + 1) };
}

async function loadUsers(ctx: AppContext, ids: Iterable<string>): Promise<Map<string, UserRow>> {
  return findUsersForPacking(ctx, [...new Set(ids)]);
}

async function loadFiles(ctx: AppContext, rows: readonly ChatMessageRow[]): Promise<Map<string, DriveFile>> {
  const ids = [...new Set(rows.flatMap((row) => row.fileId ? [row.fileId] : []))];
  return ids.length > 0 ? packDriveFilesByIds(ctx, ids) : new Map();
}

export async function packRooms(ctx: AppContext, rows: readonly ChatRoomRow[], viewer: AuthUser | null): Promise<ChatRoom[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [owners, memberships, invitations] = await Promise.all([
    loadUsers(ctx, rows.map((row) => row.ownerId)),
    viewer ? ctx.db.select({ roomId: chatRoomMemberships.roomId, isMuted: chatRoomMemberships.isMuted }).from(chatRoomMemberships)
      .where(and(eq(chatRoomMemberships.userId, viewer.id), inArray(chatRoomMemberships.roomId, ids))) : [],
    viewer ? ctx.db.select({ roomId: chatRoomInvitations.roomId }).from(chatRoomInvitations)
      .where(and(eq(chatRoomInvitations.userId, viewer.id), eq(chatRoomInvitations.ignored, false), inArray(chatRoomInvitations.roomId, ids))) : [],
  ]);
  const muted = new Map(memberships.map((row) => [row.roomId, row.isMuted]));
  const invited = new Set(invitations.map((row) => row.roomId));
  return rows.flatMap((row) => {
    const owner = owners.get(row.ownerId);
    if (!owner) return [];
    const packed: ChatRoom = {
      id: row.id, createdAt: row.createdAt.toISOString(), ownerId: row.ownerId, owner: packUserLite(ctx, owner, viewer),
      name: row.name, description: row.description,
    };
    if (viewer) {
      packed.isMuted = muted.get(row.id) ?? false;
      packed.invitationExists = invited.has(row.id);
    }
    return [packed];
  });
}

export async function packRoom(ctx: AppContext, row: ChatRoomRow, viewer: AuthUser | null): Promise<ChatRoom> {
  const [packed] = await packRooms(ctx, [row], viewer);
  if (!packed) throw new Error(`chat room ${row.id}: its owner is gone`);
  return packed;
}

/** Messages as misskey-js `ChatMessage` (history, show, search): sender, recipient or room, reactions with users. */
export async function packMessagesDetailed(ctx: AppContext, rows: readonly ChatMessageRow[], viewer: AuthUser): Promise<ChatMessage[]> {
  if (rows.length === 0) return [];
  const reactionUsers = rows.flatMap((row) => row.reactions.map((entry) => splitReaction(entry).userId));
  const roomIds = [...new Set(rows.flatMap((row) => row.toRoomId ? [row.toRoomId] : []))];
  const [users, files, roomRows] = await Promise.all([
    loadUsers(ctx, [...rows.flatMap((row) => row.toUserId ? [row.fromUserId, row.toUserId] : [row.fromUserId]), ...reactionUsers]),
    loadFiles(ctx, rows),
    roomIds.length > 0 ? ctx.db.select().from(chatRooms).where(inArray(chatRooms.id, roomIds)) : [],
  ]);
  const rooms = new Map((await packRooms(ctx, roomRows, viewer)).map((room) => [room.id, room]));
  return rows.flatMap((row) => {
    const fromUser = users.get(row.fromUserId);
    if (!fromUser) return [];
    const toUser = row.toUserId ? users.get(row.toUserId) : undefined;
    const packed: ChatMessage = {
      id: row.id, createdAt: row.createdAt.toISOString(), fromUserId: row.fromUserId, fromUser: packUserLite(ctx, fromUser, viewer),
      toUserId: row.toUserId, toUser: toUser ? packUserLite(ctx, toUser, viewer) : null,
      toRoomId: row.toRoomId, toRoom: row.toRoomId ? rooms.get(row.toRoomId) ?? null : null,
      text: row.text, fileId: row.fileId, file: row.fileId ? files.get(row.fileId) ?? null : null,
      reactions: packReactionsWithUsers(ctx, row, users, viewer),
    };
    if (row.toUserId) packed.isRead = row.isRead;
    return [packed];
  });
}

function packReactionsWithUsers(ctx: AppContext, row: ChatMessageRow, users: Map<string, UserRow>, viewer: AuthUser | null) {
  return row.reactions.flatMap((entry) => {
    const { userId, reaction } = splitReaction(entry);
    const user = users.get(userId);
    return user ? [{ reaction, user: packUserLite(ctx, user, viewer) }] : [];
  });
}

/** 1:1 messages as misskey-js `ChatMessageLiteFor1on1` (the conversation view, the `chatUser` stream). */
export async function packMessagesLiteFor1on1(ctx: AppContext, rows: readonly ChatMessageRow[]): Promise<ChatMessageLiteFor1on1[]> {
  const files = await loadFiles(ctx, rows);
  return rows.map((row) => ({
    id: row.id, createdAt: row.createdAt.toISOString(), fromUserId: row.fromUserId, toUserId: row.toUserId!,
    text: row.text, fileId: row.fileId, file: row.fileId ? files.get(row.fileId) ?? null : null,
    reactions: row.reactions.map((entry) => ({ reaction: splitReaction(entry).reaction })),
  }));
}

/** Room messages as misskey-js `ChatMessageLiteForRoom` (the room view, the `chatRoom` stream). */
export async function packMessagesLiteForRoom(ctx: AppContext, rows: readonly ChatMessageRow[], viewer: AuthUser | null): Promise<ChatMessageLiteForRoom[]> {
  const reactionUsers = rows.flatMap((row) => row.reactions.map((entry) => splitReaction(entry).userId));
  const [users, files] = await Promise.all([loadUsers(ctx, [...rows.map((row) => row.fromUserId), ...reactionUsers]), loadFiles(ctx, rows)]);
  return rows.flatMap((row) => {
    const fromUser = users.get(row.fromUserId);
    if (!fromUser) return [];
    return [{
      id: row.id, createdAt: row.createdAt.toISOString(), fromUserId: row.fromUserId, fromUser: packUserLite(ctx, fromUser, viewer),
      toRoomId: row.toRoomId!, text: row.text, fileId: row.fileId, file: row.fileId ? files.get(row.fileId) ?? null : null,
      reactions: packReactionsWithUsers(ctx, row, users, viewer),
    }];
  });
}

export async function packInvitations(ctx: AppContext, rows: readonly ChatRoomInvitationRow[], viewer: AuthUser): Promise<ChatRoomInvitation[]> {
  if (rows.length === 0) return [];
  const [users, roomRows] = await Promise.all([
    loadUsers(ctx, rows.map((row) => row.userId)),
    ctx.db.select().from(chatRooms).where(inArray(chatRooms.id, [...new Set(rows.map((row) => row.roomId))])),
  ]);
  const rooms = new Map((await packRooms(ctx, roomRows, viewer)).map((room) => [room.id, room]));
  return rows.flatMap((row) => {
    const user = users.get(row.userId);
    const room = rooms.get(row.roomId);
    if (!user || !room) return [];
    return [{ id: row.id, createdAt: row.createdAt.toISOString(), userId: row.userId, user: packUserLite(ctx, user, viewer), roomId: row.roomId, room }];
  });
}

/** Memberships with their user (`members`) or with their room (`joining`). */
export async function packMemberships(ctx: AppContext, rows: readonly ChatRoomMembershipRow[], viewer: AuthUser, populate: 'user' | 'room'): Promise<ChatRoomMembership[]> {
  if (rows.length === 0) return [];
  if (populate === 'user') {
    const users = await loadUsers(ctx, rows.map((row) => row.userId));
    return rows.flatMap((row) => {
      const user = users.get(row.userId);
      return user ? [{ id: row.id, createdAt: row.createdAt.toISOString(), userId: row.userId, user: packUserLite(ctx, user, viewer), roomId: row.roomId }] : [];
    });
  }
  const roomRows = await ctx.db.select().from(chatRooms).where(inArray(chatRooms.id, [...new Set(rows.map((row) => row.roomId))]));
  const rooms = new Map((await packRooms(ctx, roomRows, viewer)).map((room) => [room.id, room]));
  return rows.flatMap((row) => {
    const room = rooms.get(row.roomId);
    return room ? [{ id: row.id, createdAt: row.createdAt.toISOString(), userId: row.userId, roomId: row.roomId, room }] : [];
  });
}
