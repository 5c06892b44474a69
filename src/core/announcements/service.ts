import { and, count, desc, eq, gt, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { announcementReads, announcements, users, type AnnouncementRow } from '../../db/schema/index.js';
import { publishBroadcast, publishMainStream } from '../../bus/topics.js';
import { genId } from '../../misc/id.js';
import { loggedUser, recordModerationAction } from '../moderation/log.js';
import { paginate, type Page } from '../pagination.js';

type Icon = AnnouncementRow['icon'];
type Display = AnnouncementRow['display'];

/** misskey-js `Announcement`, as a viewer sees it. */
export interface PackedAnnouncement {
  id: string;
  createdAt: string;
  updatedAt: string | null;
  text: string;
  title: string;
  imageUrl: string | null;
  icon: Icon;
  display: Display;
  needConfirmationToRead: boolean;
  silence: boolean;
  forYou: boolean;
  isRead?: boolean;
}

/** `admin/announcements/list`'s item (and what `create`/`update` answer). */
export interface AdminAnnouncement {
  id: string;
  createdAt: string;
  updatedAt: string | null;
  text: string;
  title: string;
  icon: Icon;
  display: Display;
  isActive: boolean;
  forExistingUsers: boolean;
  silence: boolean;
  needConfirmationToRead: boolean;
  needEnrollmentTutorialToRead: boolean;
  closeDuration: number;
  displayOrder: number;
  userId: string | null;
  imageUrl: string | null;
  reads: number;
}

export function packAnnouncement(row: AnnouncementRow, viewerId: string | null, readIds?: ReadonlySet<string>): PackedAnnouncement {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    text: row.text,
    title: row.title,
    imageUrl: row.imageUrl,
    icon: row.icon,
    display: row.display,
    needConfirmationToRead: row.needConfirmationToRead,
    silence: row.silence,
    forYou: viewerId !== null && row.userId === viewerId,
    ...(readIds ? { isRead: readIds.has(row.id) } : {}),
  };
}

export function packAdminAnnouncement(row: AnnouncementRow, reads = 0): AdminAnnouncement {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    text: row.text,
    title: row.title,
    icon: row.icon,
    display: row.display,
    isActive: row.isActive,
    forExistingUsers: row.forExistingUsers,
    silence: row.silence,
    needConfirmationToRead: row.needConfirmationToRead,
    needEnrollmentTutorialToRead: row.needEnrollmentTutorialToRead,
    closeDuration: row.closeDuration,
    displayOrder: row.displayOrder,
    userId: row.userId,
    imageUrl: row.imageUrl,
    reads,
  };
}

async function readIdsOf(ctx: AppContext, userId: string, announcementIds: readonly string[]): Promise<Set<string>> {
  if (announcementIds.length === 0) return new Set();
  const rows = await ctx.db.select({ id: announcementReads.announcementId }).from(announcementReads)
    .where(and(eq(announcementReads.userId, userId), inArray(announcementReads.announcementId, [...announcementIds])));
  return new Set(rows.map((row) => row.id));
}

/** Packs for a viewer with `isRead` from one query. */
export async function packAnnouncements(ctx: AppContext, rows: readonly AnnouncementRow[], viewerId: string | null): Promise<PackedAnnouncement[]> {
  const readIds = viewerId ? await readIdsOf(ctx, viewerId, rows.map((row) => row.id)) : undefined;
  return rows.map((row) => packAnnouncement(row, viewerId, readIds));
}

/** Global announcements and the viewer's own. */
function addressedTo(viewerId: string | null): SQL {
  return viewerId ? or(isNull(announcements.userId), eq(announcements.userId, viewerId))! : isNull(announcements.userId);
}

export interface AnnouncementInput {
  title: string;
  text: string;
  imageUrl: string | null;
  icon: Icon;
  display: Display;
  forExistingUsers: boolean;
  needConfirmationToRead: boolean;
  needEnrollmentTutorialToRead: boolean;
  closeDuration: number;
  displayOrder: number;
  silence: boolean;
  userId: string | null;
}

export class NoSuchAnnouncementUser extends Error {}

/**
 * Misskey's AnnouncementService.create: the row, the moderation log entry (global or user kind),
 * then `announcementCreated` on the broadcast stream (global) or the addressee's main stream.
 */
export async function createAnnouncement(ctx: AppContext, moderatorId: string, input: AnnouncementInput): Promise<AnnouncementRow> {
  const row = await ctx.db.transaction(async (tx) => {
    const addressee = input.userId ? (await tx.select().from(users).where(eq(users.id, input.userId)))[0] : null;
    if (input.userId && !addressee) throw new NoSuchAnnouncementUser();
    const now = new Date();
    const [created] = await tx.insert(announcements).values({
      id: genId(now.getTime()), createdAt: now, updatedAt: null, ...input,
      closeDuration: Math.round(input.closeDuration), displayOrder: Math.round(input.displayOrder),
    }).returning();
    const packed = packAnnouncement(created!, null);
    if (addressee) {
      await recordModerationAction(tx, { moderatorId, type: 'createUserAnnouncement', info: { announcementId: created!.id, announcement: packed, ...loggedUser(addressee) } });
    } else {
      await recordModerationAction(tx, { moderatorId, type: 'createGlobalAnnouncement', info: { announcementId: created!.id, announcement: packed } });
    }
    return created!;
  });
  if (row.userId) {
    publishMainStream(ctx, row.userId, 'announcementCreated', { announcement: packAnnouncement(row, row.userId, new Set()) });
  } else {
    publishBroadcast(ctx, 'announcementCreated', { announcement: packAnnouncement(row, null) });
  }
  return row;
}

export type AnnouncementUpdate = Partial<Omit<AnnouncementInput, 'userId'>> & { isActive?: boolean };

async function logUser(ctx: AppContext, userId: string | null) {
  if (!userId) return null;
  const [user] = await ctx.db.select({ id: users.id, username: users.username, host: users.host }).from(users).where(eq(users.id, userId));
  return user ?? null;
}

/** Null when there is no such announcement. */
export async function updateAnnouncement(ctx: AppContext, moderatorId: string, id: string, update: AnnouncementUpdate): Promise<AnnouncementRow | null> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(announcements).where(eq(announcements.id, id)).for('update');
    if (!before) return null;
    const patch: Partial<AnnouncementRow> = { ...update, updatedAt: new Date() };
    if (update.closeDuration !== undefined) patch.closeDuration = Math.round(update.closeDuration);
    if (update.displayOrder !== undefined) patch.displayOrder = Math.round(update.displayOrder);
    const [after] = await tx.update(announcements).set(patch).where(eq(announcements.id, id)).returning();
    const addressee = await logUser(ctx, before.userId);
    const info = { announcementId: id, before: packAnnouncement(before, null), after: packAnnouncement(after!, null) };
    if (addressee) await recordModerationAction(tx, { moderatorId, type: 'updateUserAnnouncement', info: { ...info, ...loggedUser(addressee) } });
    else await recordModerationAction(tx, { moderatorId, type: 'updateGlobalAnnouncement', info });
    return after!;
  });
}

/** False when there is no such announcement. Its reads go with it (cascade). */
export async function deleteAnnouncement(ctx: AppContext, moderatorId: string, id: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(announcements).where(eq(announcements.id, id)).returning();
    if (!row) return false;
    const addressee = await logUser(ctx, row.userId);
    const info = { announcementId: id, announcement: packAnnouncement(row, null) };
    if (addressee) await recordModerationAction(tx, { moderatorId, type: 'deleteUserAnnouncement', info: { ...info, ...loggedUser(addressee) } });
    else await recordModerationAction(tx, { moderatorId, type: 'deleteGlobalAnnouncement', info });
    return true;
  });
}

export interface AdminAnnouncementQuery {
  limit: number;
  offset: number;
  userId?: string | null;
  status?: 'active' | 'archived' | null;
}

/** `admin/announcements/list`: newest first, with read counts. */
export async function listAnnouncementsForAdmin(ctx: AppContext, query: AdminAnnouncementQuery): Promise<AdminAnnouncement[]> {
  const conditions: SQL[] = [];
  if (query.userId) conditions.push(eq(announcements.userId, query.userId));
  if (query.status === 'active') conditions.push(eq(announcements.isActive, true));
  if (query.status === 'archived') conditions.push(eq(announcements.isActive, false));
  const rows = await ctx.db.select().from(announcements).where(and(...conditions))
    .orderBy(desc(announcements.id)).limit(query.limit).offset(query.offset);
  if (rows.length === 0) return [];
  const counts = await ctx.db.select({ id: announcementReads.announcementId, reads: count() }).from(announcementReads)
    .where(inArray(announcementReads.announcementId, rows.map((row) => row.id))).groupBy(announcementReads.announcementId);
  const readsById = new Map(counts.map((entry) => [entry.id, entry.reads]));
  return rows.map((row) => packAdminAnnouncement(row, readsById.get(row.id) ?? 0));
}

export interface AnnouncementQuery extends Page {
  limit: number;
  offset: number;
  isActive: boolean;
}

/**
 * `announcements`: the active (or archived) global ones and the viewer's own. Paged by id when a
 * bound is given; otherwise by `displayOrder` (highest first), then newest first, with `offset`.
 */
export async function listAnnouncements(ctx: AppContext, viewerId: string | null, query: AnnouncementQuery): Promise<PackedAnnouncement[]> {
  const paged = query.sinceId !== undefined || query.untilId !== undefined || query.sinceDate !== undefined || query.untilDate !== undefined;
  const { where, orderBy } = paginate(announcements.id, query);
  const base = ctx.db.select().from(announcements).where(and(eq(announcements.isActive, query.isActive), addressedTo(viewerId), where));
  const rows = paged
    ? await base.orderBy(orderBy).limit(query.limit).offset(query.offset)
    : await base.orderBy(desc(announcements.displayOrder), desc(announcements.id)).limit(query.limit).offset(query.offset);
  return packAnnouncements(ctx, rows, viewerId);
}

/** One announcement the viewer may see (global or their own); null otherwise. */
export async function findVisibleAnnouncement(ctx: AppContext, viewerId: string | null, id: string): Promise<AnnouncementRow | null> {
  const [row] = await ctx.db.select().from(announcements).where(and(eq(announcements.id, id), addressedTo(viewerId)));
  return row ?? null;
}

/**
 * Misskey's unread announcements for `i`: active, not silent, global or the user's own, not read;
 * `forExistingUsers` ones only for accounts older than the announcement.
 */
export async function unreadAnnouncements(ctx: AppContext, userId: string): Promise<AnnouncementRow[]> {
  return ctx.db.select().from(announcements).where(and(
    eq(announcements.isActive, true),
    eq(announcements.silence, false),
    addressedTo(userId),
    or(eq(announcements.forExistingUsers, false), gt(announcements.id, userId)),
    notExists(ctx.db.select({ one: sql`1` }).from(announcementReads)
      .where(and(eq(announcementReads.userId, userId), eq(announcementReads.announcementId, announcements.id)))),
  )).orderBy(desc(announcements.displayOrder), desc(announcements.id)).limit(100);
}

/**
 * `i/read-announcement`: marks it read (idempotent). An announcement the user cannot see is left
 * alone (Misskey declares no error). When nothing is left unread, `readAllAnnouncements` goes to
 * the user's main stream.
 */
export async function readAnnouncement(ctx: AppContext, userId: string, announcementId: string): Promise<void> {
  const row = await findVisibleAnnouncement(ctx, userId, announcementId);
  if (!row) return;
  const inserted = await ctx.db.insert(announcementReads).values({ id: genId(), userId, announcementId }).onConflictDoNothing().returning({ id: announcementReads.id });
  if (inserted.length === 0) return;
  if ((await unreadAnnouncements(ctx, userId)).length === 0) publishMainStream(ctx, userId, 'readAllAnnouncements');
}
