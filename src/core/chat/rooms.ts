import { and, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import {
  chatRoomInvitations, chatRoomMemberships, chatRooms,
  type ChatRoomInvitationRow, type ChatRoomMembershipRow, type ChatRoomRow, type NotificationRow,
} from '../../db/schema/index.js';
import { announceNotification, createNotification } from '../notifications/create.js';
import { genId } from '../../misc/id.js';
import { blockBetween } from '../blocking/blocking.js';
import { paginate, type Page } from '../pagination.js';
import { findUserById } from '../users/read.js';

/**
 * Chat rooms (Misskey's `chat/rooms/*`). A room has an owner and members; one joins only by an
 * invitation of the owner. Owner and members may read and write the room ("view" it); everyone
 * else gets `NO_SUCH_ROOM` from everything but `chat/rooms/show`, as in Misskey.
 */

/** Misskey refuses more pending invitations than this per room. */
export const MAX_ROOM_INVITATIONS = 50;

export async function findRoom(ctx: AppContext, roomId: string): Promise<ChatRoomRow | null> {
  const [room] = await ctx.db.select().from(chatRooms).where(eq(chatRooms.id, roomId)).limit(1);
  return room ?? null;
}

export async function findOwnRoom(ctx: AppContext, roomId: string, ownerId: string): Promise<ChatRoomRow | null> {
  const [room] = await ctx.db.select().from(chatRooms).where(and(eq(chatRooms.id, roomId), eq(chatRooms.ownerId, ownerId))).limit(1);
  return room ?? null;
}

export async function findMembership(ctx: AppContext, roomId: string, userId: string): Promise<ChatRoomMembershipRow | null> {
  const [row] = await ctx.db.select().from(chatRoomMemberships)
    .where(and(eq(chatRoomMemberships.roomId, roomId), eq(chatRoomMemberships.userId, userId))).limit(1);
  return row ?? null;
}

/** Whether the user owns or belongs to the room (may read its timeline and write to it). */
export async function canViewRoom(ctx: AppContext, room: ChatRoomRow, userId: string): Promise<boolean> {
  return room.ownerId === userId || await findMembership(ctx, room.id, userId) !== null;
}

/** The room if it exists and the user may view it, else null. */
export async function findViewableRoom(ctx: AppContext, roomId: string, userId: string): Promise<ChatRoomRow | null> {
  const room = await findRoom(ctx, roomId);
  return room && await canViewRoom(ctx, room, userId) ? room : null;
}

/** Ids of everyone in a room: the owner and the members (with their mute flag). */
export async function roomAudience(ctx: AppContext, room: ChatRoomRow): Promise<{ userId: string; isMuted: boolean }[]> {
  const members = await ctx.db.select({ userId: chatRoomMemberships.userId, isMuted: chatRoomMemberships.isMuted })
    .from(chatRoomMemberships).where(eq(chatRoomMemberships.roomId, room.id));
  return [{ userId: room.ownerId, isMuted: false }, ...members];
}

export async function createRoom(ctx: AppContext, ownerId: string, fields: { name: string; description?: string }): Promise<ChatRoomRow> {
  const [room] = await ctx.db.insert(chatRooms).values({ id: genId(), ownerId, name: fields.name, description: fields.description ?? '' }).returning();
  return room!;
}

export async function updateRoom(ctx: AppContext, room: ChatRoomRow, change: { name?: string; description?: string }): Promise<ChatRoomRow> {
  const patch: Partial<Pick<ChatRoomRow, 'name' | 'description'>> = {};
  if (change.name !== undefined) patch.name = change.name;
  if (change.description !== undefined) patch.description = change.description;
  if (Object.keys(patch).length === 0) return room;
  const [updated] = await ctx.db.update(chatRooms).set(patch).where(eq(chatRooms.id, room.id)).returning();
  return updated ?? room;
}

/** Deletes a room with its messages, members and invitations (cascade). */
export async function deleteRoom(ctx: AppContext, room: ChatRoomRow): Promise<void> {
  await ctx.db.delete(chatRooms).where(eq(chatRooms.id, room.id));
}

export function listOwnedRooms(ctx: AppContext, ownerId: string, page: Page & { limit: number }): Promise<ChatRoomRow[]> {
  const { where, orderBy } = paginate(chatRooms.id, page);
  return ctx.db.select().from(chatRooms).where(and(eq(chatRooms.ownerId, ownerId), where)).orderBy(orderBy).limit(page.limit);
}

export function listJoinedMemberships(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<ChatRoomMembershipRow[]> {
  const { where, orderBy } = paginate(chatRoomMemberships.id, page);
  return ctx.db.select().from(chatRoomMemberships).where(and(eq(chatRoomMemberships.userId, userId), where)).orderBy(orderBy).limit(page.limit);
}

export function listMembers(ctx: AppContext, roomId: string, page: Page & { limit: number }): Promise<ChatRoomMembershipRow[]> {
  const { where, orderBy } = paginate(chatRoomMemberships.id, page);
  return ctx.db.select().from(chatRoomMemberships).where(and(eq(chatRoomMemberships.roomId, roomId), where)).orderBy(orderBy).limit(page.limit);
}

export type InviteResult = { invitation: ChatRoomInvitationRow } | { error: 'noSuchUser' | 'cannotInvite' | 'tooManyInvitations' };

/**
 * The owner invites a user: not themselves, not a member already, not across a block (either way).
 * Inviting again renews an ignored invitation.
 */
export async function inviteToRoom(ctx: AppContext, room: ChatRoomRow, inviteeId: string): Promise<InviteResult> {
  if (inviteeId === room.ownerId) return { error: 'cannotInvite' };
  const invitee = await findUserById(ctx, inviteeId);
  if (!invitee) return { error: 'noSuchUser' };
  const blocks = await blockBetween(ctx.db, room.ownerId, inviteeId);
  if (blocks.blocking || blocks.blocked) return { error: 'cannotInvite' };
  if (await findMembership(ctx, room.id, inviteeId)) return { error: 'cannotInvite' };
  let notification: NotificationRow | null = null;
  const result = await ctx.db.transaction(async (tx): Promise<InviteResult> => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`chat-room:${room.id}`}, 0))`);
    const [pending] = await tx.select({ n: count() }).from(chatRoomInvitations).where(eq(chatRoomInvitations.roomId, room.id));
    if ((pending?.n ?? 0) >= MAX_ROOM_INVITATIONS) return { error: 'tooManyInvitations' };
    const [invitation] = await tx.insert(chatRoomInvitations).values({ id: genId(), userId: inviteeId, roomId: room.id })
      .onConflictDoUpdate({ target: [chatRoomInvitations.userId, chatRoomInvitations.roomId], set: { ignored: false } }).returning();
    notification = await createNotification(ctx, tx, {
      notifieeId: inviteeId, notifierId: room.ownerId, type: 'chatRoomInvitationReceived', chatRoomInvitationId: invitation!.id,
    }, { announce: false });
    return { invitation: invitation! };
  });
  // Announced once committed: the streamed notification carries the packed invitation.
  if (notification) announceNotification(ctx, notification);
  return result;
}

export async function findInvitation(ctx: AppContext, roomId: string, userId: string): Promise<ChatRoomInvitationRow | null> {
  const [row] = await ctx.db.select().from(chatRoomInvitations)
    .where(and(eq(chatRoomInvitations.roomId, roomId), eq(chatRoomInvitations.userId, userId))).limit(1);
  return row ?? null;
}

/** Accepts the user's invitation: the invitation becomes a membership, in one transaction. False without an invitation. */
export async function joinRoom(ctx: AppContext, roomId: string, userId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const deleted = await tx.delete(chatRoomInvitations)
      .where(and(eq(chatRoomInvitations.roomId, roomId), eq(chatRoomInvitations.userId, userId))).returning({ id: chatRoomInvitations.id });
    if (deleted.length === 0) return false;
    await tx.insert(chatRoomMemberships).values({ id: genId(), userId, roomId }).onConflictDoNothing();
    return true;
  });
}

export async function ignoreInvitation(ctx: AppContext, roomId: string, userId: string): Promise<boolean> {
  const updated = await ctx.db.update(chatRoomInvitations).set({ ignored: true })
    .where(and(eq(chatRoomInvitations.roomId, roomId), eq(chatRoomInvitations.userId, userId))).returning({ id: chatRoomInvitations.id });
  return updated.length > 0;
}

export async function leaveRoom(ctx: AppContext, roomId: string, userId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(chatRoomMemberships)
    .where(and(eq(chatRoomMemberships.roomId, roomId), eq(chatRoomMemberships.userId, userId))).returning({ id: chatRoomMemberships.id });
  return deleted.length > 0;
}

export async function muteRoom(ctx: AppContext, roomId: string, userId: string, mute: boolean): Promise<boolean> {
  const updated = await ctx.db.update(chatRoomMemberships).set({ isMuted: mute })
    .where(and(eq(chatRoomMemberships.roomId, roomId), eq(chatRoomMemberships.userId, userId))).returning({ id: chatRoomMemberships.id });
  return updated.length > 0;
}

/** Invitations the user received and has not ignored. */
export function listInbox(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<ChatRoomInvitationRow[]> {
  const { where, orderBy } = paginate(chatRoomInvitations.id, page);
  return ctx.db.select().from(chatRoomInvitations)
    .where(and(eq(chatRoomInvitations.userId, userId), eq(chatRoomInvitations.ignored, false), where)).orderBy(orderBy).limit(page.limit);
}

/** The room's pending invitations, ignored ones included (the owner cannot tell). */
export function listOutbox(ctx: AppContext, roomId: string, page: Page & { limit: number }): Promise<ChatRoomInvitationRow[]> {
  const { where, orderBy } = paginate(chatRoomInvitations.id, page);
  return ctx.db.select().from(chatRoomInvitations).where(and(eq(chatRoomInvitations.roomId, roomId), where)).orderBy(orderBy).limit(page.limit);
}
