import { now } from '../../clock.js';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { noteDrafts, notes, type DraftPoll, type NoteDraftRow, type NoteVisibility } from '../../db/schema/index.js';
import type { Tx } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import { checkNoteInput, NoteCreateError, type NewNote, type NoteCreateFailure } from '../notes/create.js';
import { packNotes } from '../notes/pack.js';
import { paginate, type Page } from '../pagination.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { NoteDraft } from './schema.js';
import { scheduleDraftPosting } from './queue.js';
import { policiesOf } from '../roles/policies.js';

export type DraftFailure = NoteCreateFailure | 'cannotScheduleToPast' | 'tooManyScheduledNotes' | 'tooManyDrafts' | 'noSuchDraft';

export class DraftError extends Error {
  constructor(readonly reason: DraftFailure) {
    super(reason);
  }
}

export interface DraftInput {
  text?: string | null;
  cw?: string | null;
  hashtag?: string | null;
  visibility?: NoteVisibility;
  visibleUserIds?: string[];
  localOnly?: boolean;
  reactionAcceptance?: string | null;
  replyId?: string | null;
  renoteId?: string | null;
  channelId?: string | null;
  fileIds?: string[];
  poll?: { choices: string[]; multiple?: boolean; expiresAt?: number | null; expiredAfter?: number | null } | null;
  scheduledAt?: number | null;
  isActuallyScheduled?: boolean;
}

type DraftValues = Omit<NoteDraftRow, 'id' | 'userId' | 'createdAt' | 'postingNoteId'>;

/** The note a draft would post, in createNote's terms. */
export function noteInputOf(draft: DraftValues): NewNote {
  return {
    text: draft.text, cw: draft.cw, visibility: draft.visibility, visibleUserIds: draft.visibleUserIds,
    localOnly: draft.localOnly, reactionAcceptance: draft.reactionAcceptance as NewNote['reactionAcceptance'],
    replyId: draft.replyId, renoteId: draft.renoteId, channelId: draft.channelId,
    fileIds: draft.fileIds.length > 0 ? draft.fileIds : null, poll: draft.poll,
  };
}

function valuesOf(input: DraftInput, base: DraftValues | null): DraftValues {
  const poll: DraftPoll | null | undefined = input.poll === undefined ? undefined : input.poll && {
    choices: input.poll.choices, multiple: input.poll.multiple ?? false,
    expiresAt: input.poll.expiresAt ?? null, expiredAfter: input.poll.expiredAfter ?? null,
  };
  const pick = <K extends keyof DraftValues>(key: K, value: DraftValues[K] | undefined, fallback: DraftValues[K]): DraftValues[K] =>
    value !== undefined ? value : base ? base[key] : fallback;
  return {
    text: pick('text', input.text, null),
    cw: pick('cw', input.cw, null),
    hashtag: pick('hashtag', input.hashtag, null),
    visibility: pick('visibility', input.visibility, 'public'),
    visibleUserIds: pick('visibleUserIds', input.visibleUserIds, []),
    localOnly: pick('localOnly', input.localOnly, false),
    reactionAcceptance: pick('reactionAcceptance', input.reactionAcceptance, null),
    replyId: pick('replyId', input.replyId, null),
    renoteId: pick('renoteId', input.renoteId, null),
    channelId: pick('channelId', input.channelId, null),
    fileIds: pick('fileIds', input.fileIds, []),
    poll: pick('poll', poll, null),
    scheduledAt: pick('scheduledAt', input.scheduledAt === undefined ? undefined : input.scheduledAt === null ? null : new Date(input.scheduledAt), null),
    isActuallyScheduled: pick('isActuallyScheduled', input.isActuallyScheduled, false),
  };
}

/**
 * What every draft write checks: the note it would post passes notes/create's own checks
 * (checkNoteInput), a schedule lies in the future, and the user stays within `noteDraftLimit`
 * and `scheduledNoteLimit`. Runs inside the write's transaction, after the per-user lock.
 */
async function checkDraft(ctx: AppContext, tx: Tx, me: AuthUser, values: DraftValues, replacing: string | null): Promise<void> {
  try {
    await checkNoteInput(ctx, me, noteInputOf(values));
  } catch (error) {
    if (error instanceof NoteCreateError) throw new DraftError(error.reason);
    throw error;
  }
  const others = (where: ReturnType<typeof and>) => tx.select({ n: count() }).from(noteDrafts)
    .where(and(eq(noteDrafts.userId, me.id), replacing ? sql`${noteDrafts.id} <> ${replacing}` : undefined, where)).then((rows) => rows[0]!.n);
  const policies = await policiesOf(ctx, me.id);
  if (replacing === null && await others(undefined) >= policies.noteDraftLimit) throw new DraftError('tooManyDrafts');
  if (values.isActuallyScheduled) {
    if (values.scheduledAt == null || values.scheduledAt.getTime() <= now()) throw new DraftError('cannotScheduleToPast');
    if (await others(eq(noteDrafts.isActuallyScheduled, true)) >= policies.scheduledNoteLimit) throw new DraftError('tooManyScheduledNotes');
  }
}

async function lockUserDrafts(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`note-drafts:${userId}`}, 0))`);
}

/** A new draft; a scheduled one gets its posting job in the same transaction. Throws DraftError. */
export async function createDraft(ctx: AppContext, me: AuthUser, input: DraftInput): Promise<NoteDraftRow> {
  const values = valuesOf(input, null);
  return ctx.db.transaction(async (tx) => {
    await lockUserDrafts(tx, me.id);
    await checkDraft(ctx, tx, me, values, null);
    const [row] = await tx.insert(noteDrafts).values({ id: genId(), userId: me.id, ...values }).returning();
    if (row!.isActuallyScheduled) await scheduleDraftPosting(ctx, tx, row!);
    return row!;
  });
}

/** Changes a draft (fields not given stay); a new schedule queues a new posting job. Throws DraftError. */
export async function updateDraft(ctx: AppContext, me: AuthUser, draftId: string, input: DraftInput): Promise<NoteDraftRow> {
  return ctx.db.transaction(async (tx) => {
    await lockUserDrafts(tx, me.id);
    const [current] = await tx.select().from(noteDrafts).where(and(eq(noteDrafts.id, draftId), eq(noteDrafts.userId, me.id))).for('update');
    if (!current) throw new DraftError('noSuchDraft');
    // Being posted right now: too late to change it.
    if (current.postingNoteId != null) throw new DraftError('noSuchDraft');
    const values = valuesOf(input, current);
    await checkDraft(ctx, tx, me, values, current.id);
    const [row] = await tx.update(noteDrafts).set(values).where(eq(noteDrafts.id, draftId)).returning();
    if (row!.isActuallyScheduled) await scheduleDraftPosting(ctx, tx, row!);
    return row!;
  });
}

/**
 * Deletes a draft (notes/drafts/delete, notes/scheduled/cancel); its posting job, if any, then
 * finds nothing to post. `scheduledOnly`: only a draft that is scheduled.
 */
export async function deleteDraft(ctx: AppContext, userId: string, draftId: string, options: { scheduledOnly?: boolean } = {}): Promise<boolean> {
  const deleted = await ctx.db.delete(noteDrafts).where(and(
    eq(noteDrafts.id, draftId), eq(noteDrafts.userId, userId),
    options.scheduledOnly ? eq(noteDrafts.isActuallyScheduled, true) : undefined,
  )).returning({ id: noteDrafts.id });
  return deleted.length > 0;
}

export async function countDrafts(ctx: AppContext, userId: string): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(noteDrafts).where(eq(noteDrafts.userId, userId));
  return row?.n ?? 0;
}

/** A user's drafts, Misskey paging; `scheduled` true/false keeps only (un)scheduled ones. */
export async function listDrafts(ctx: AppContext, userId: string, query: Page & { limit: number; scheduled?: boolean | null }): Promise<NoteDraftRow[]> {
  const { where, orderBy } = paginate(noteDrafts.id, query);
  return ctx.db.select().from(noteDrafts).where(and(
    eq(noteDrafts.userId, userId),
    query.scheduled == null ? undefined : eq(noteDrafts.isActuallyScheduled, query.scheduled),
    where,
  )).orderBy(orderBy).limit(query.limit);
}

/** Scheduled drafts, soonest first, by offset (notes/scheduled/list). */
export async function listScheduledDrafts(ctx: AppContext, userId: string, query: { limit: number; offset: number }): Promise<NoteDraftRow[]> {
  return ctx.db.select().from(noteDrafts).where(and(eq(noteDrafts.userId, userId), eq(noteDrafts.isActuallyScheduled, true)))
    .orderBy(asc(noteDrafts.scheduledAt), desc(noteDrafts.id)).limit(query.limit).offset(query.offset);
}

export async function findDraft(ctx: AppContext, draftId: string): Promise<NoteDraftRow | null> {
  const [row] = await ctx.db.select().from(noteDrafts).where(eq(noteDrafts.id, draftId));
  return row ?? null;
}

/** Drafts as misskey-js's NoteDraft, packed for their owner: the reply/renote (if still there) and files. */
export async function packDrafts(ctx: AppContext, rows: readonly NoteDraftRow[], viewer: AuthUser): Promise<NoteDraft[]> {
  if (rows.length === 0) return [];
  const targetIds = [...new Set(rows.flatMap((row) => [row.replyId, row.renoteId]).filter((id): id is string => id != null))];
  const [users, files, targetRows] = await Promise.all([
    findUsersForPacking(ctx, [...new Set(rows.map((row) => row.userId))]),
    packDriveFilesByIds(ctx, [...new Set(rows.flatMap((row) => row.fileIds))]),
    targetIds.length > 0 ? ctx.db.select().from(notes).where(inArray(notes.id, targetIds)) : [],
  ]);
  const targets = new Map((await packNotes(ctx, targetRows, viewer)).map((note) => [note.id, note]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    text: row.text,
    cw: row.cw,
    userId: row.userId,
    user: packUserLite(ctx, users.get(row.userId)!),
    replyId: row.replyId,
    renoteId: row.renoteId,
    reply: row.replyId ? targets.get(row.replyId) ?? null : null,
    renote: row.renoteId ? targets.get(row.renoteId) ?? null : null,
    visibility: row.visibility,
    visibleUserIds: row.visibleUserIds,
    fileIds: row.fileIds,
    files: row.fileIds.flatMap((id) => files.get(id) ?? []),
    hashtag: row.hashtag,
    poll: row.poll && {
      expiresAt: row.poll.expiresAt != null ? new Date(row.poll.expiresAt).toISOString() : null,
      expiredAfter: row.poll.expiredAfter,
      multiple: row.poll.multiple,
      choices: row.poll.choices,
    },
    channelId: row.channelId,
    channel: null,
    localOnly: row.localOnly,
    reactionAcceptance: row.reactionAcceptance as NoteDraft['reactionAcceptance'],
    scheduledAt: row.scheduledAt?.getTime() ?? null,
    isActuallyScheduled: row.isActuallyScheduled,
  }));
}
