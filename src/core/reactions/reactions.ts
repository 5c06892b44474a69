import { foreignKeyViolation } from '../../db/errors.js';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, noteReactions, notes, userProfiles, type NoteReactionRow, type NoteRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { publishNoteStream } from '../../bus/topics.js';
import type { AuthUser } from '../auth/authenticate.js';
import { findLocalEmojiByName } from '../emojis/read.js';
import { rolesOf } from '../roles/policies.js';
import { createNotification } from '../notifications/create.js';
import { findUserById } from '../users/read.js';
import { emitReactionWebhooks } from '../webhooks/dispatch.js';
import { canSeeNote, isPureRenote, loadViewerContext, visibleNotesWhere } from '../notes/visibility.js';
import { paginate, type Page } from '../pagination.js';
import { recordReaction } from '../charts/record.js';
import { FALLBACK_REACTION, customEmojiName, decodeReaction, normalizeUnicodeReaction, toStoredReaction } from './normalize.js';

/** `reactions` with one more for `reaction`, as one SQL expression (the row lock of the UPDATE serialises it). */
function incremented(counts: SQL, reaction: string): SQL {
  return sql`jsonb_set(${counts}, ARRAY[${reaction}]::text[], to_jsonb(COALESCE((${counts} ->> ${reaction})::int, 0) + 1))`;
}

/** `reactions` with one less for `reaction`; the key goes when it reaches zero. */
function decremented(counts: SQL, reaction: string): SQL {
  return sql`(CASE WHEN COALESCE((${counts} ->> ${reaction})::int, 0) <= 1 THEN ${counts} - ${reaction}
    ELSE jsonb_set(${counts}, ARRAY[${reaction}]::text[], to_jsonb((${counts} ->> ${reaction})::int - 1)) END)`;
}

const countsColumn = sql`${notes.reactions}`;

async function findNote(ctx: AppContext, noteId: string): Promise<NoteRow | null> {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId)).limit(1);
  return note ?? null;
}

/** Whether `blockerId` blocks `userId` (Misskey's `checkBlocked(blocker, blockee)`). */
async function isBlockedBy(db: Executor, userId: string, blockerId: string): Promise<boolean> {
  const [row] = await db.select({ one: sql`1` }).from(blockings)
    .where(and(eq(blockings.blockerId, blockerId), eq(blockings.blockeeId, userId))).limit(1);
  return row != null;
}

/**
 * A note the user may act on, Misskey's order of refusals: the note exists, its author does not
 * block the user (`youHaveBeenBlocked`), the user may see it (else `noSuchNote`, as if it did not exist).
 */
export async function findActionableNote(ctx: AppContext, noteId: string, user: AuthUser): Promise<NoteRow | 'noSuchNote' | 'youHaveBeenBlocked'> {
  const note = await findNote(ctx, noteId);
  if (!note) return 'noSuchNote';
  if (note.userId !== user.id && await isBlockedBy(ctx.db, user.id, note.userId)) return 'youHaveBeenBlocked';
  const viewer = await loadViewerContext(ctx, user);
  return canSeeNote(note, viewer) ? note : 'noSuchNote';
}

/**
 * The reaction Misskey stores for `requested` on `note`: `likeOnly` (and `likeOnlyForRemote` for
 * remote reactors) turns everything into ❤; a custom emoji must be one of this server's (else ❤);
 * one limited to roles (`roleIdsThatCanBeUsedThisEmojiAsReaction`) needs the reactor to hold one of
 * them, one denied to roles (the fork's `roleIdsThatCanNotBeUsedThisEmojiAsReaction`) needs the
 * reactor to hold none (else ❤, as Misskey); a sensitive one falls back when the note accepts
 * non-sensitive reactions only; anything else is normalised as Unicode.
 */
export async function resolveReaction(ctx: AppContext, note: Pick<NoteRow, 'reactionAcceptance'>, reactor: Pick<AuthUser, 'id' | 'host'>, requested: string): Promise<string> {
  const acceptance = note.reactionAcceptance as string | null;
  if (acceptance === 'likeOnly') return FALLBACK_REACTION;
  if ((acceptance === 'likeOnlyForRemote' || acceptance === 'nonSensitiveOnlyForLocalLikeOnlyForRemote') && reactor.host != null) return FALLBACK_REACTION;
  const name = customEmojiName(requested);
  if (name == null) return normalizeUnicodeReaction(requested);
  const emoji = await findLocalEmojiByName(ctx, name);
  if (!emoji) return FALLBACK_REACTION;
  const allowed = emoji.roleIdsThatCanBeUsedThisEmojiAsReaction;
  const denied = emoji.roleIdsThatCanNotBeUsedThisEmojiAsReaction;
  if (allowed.length > 0 || denied.length > 0) {
    const held = new Set((await rolesOf(ctx, reactor.id)).map((role) => role.id));
    if (allowed.length > 0 && !allowed.some((roleId) => held.has(roleId))) return FALLBACK_REACTION;
    if (denied.some((roleId) => held.has(roleId))) return FALLBACK_REACTION;
  }
  if (emoji.isSensitive && (acceptance === 'nonSensitiveOnly' || acceptance === 'nonSensitiveOnlyForLocalLikeOnlyForRemote')) return FALLBACK_REACTION;
  return `:${name}:`;
}

export type CreateReactionError = 'noSuchNote' | 'youHaveBeenBlocked' | 'cannotReactToRenote' | 'alreadyReacted';

class Refused extends Error {
  constructor(readonly reason: CreateReactionError) { super(reason); }
}

/**
 * Reacts to a note, as Misskey does: a second, different reaction replaces the first; the same one
 * again is `alreadyReacted`. The row and the note's counts change in one transaction, each count
 * with one UPDATE (so concurrent reactions never lose an increment), together with the
 * `reaction` notification to a local author. Note-capture events go out after the commit.
 */
export async function createReaction(ctx: AppContext, user: AuthUser, noteId: string, requested: string): Promise<CreateReactionError | null> {
  const found = await findActionableNote(ctx, noteId, user);
  if (typeof found === 'string') return found;
  const note = found;
  if (isPureRenote(note)) return 'cannotReactToRenote';
  const reaction = await resolveReaction(ctx, note, user, requested);

  let replaced: string | null = null;
  const reactionId = genId();
  try {
    replaced = await ctx.db.transaction(async (tx) => {
      const inserted = await tx.insert(noteReactions).values({ id: reactionId, noteId: note.id, userId: user.id, reaction })
        .onConflictDoNothing({ target: [noteReactions.userId, noteReactions.noteId] })
        .returning({ id: noteReactions.id });
      let previous: string | null = null;
      if (inserted.length === 0) {
        // Waited for (and lost to) a concurrent or earlier reaction of the same user.
        const [existing] = await tx.select().from(noteReactions)
          .where(and(eq(noteReactions.userId, user.id), eq(noteReactions.noteId, note.id))).for('update');
        if (!existing) throw new Refused('alreadyReacted');
        if (existing.reaction === reaction) throw new Refused('alreadyReacted');
        previous = existing.reaction;
        await tx.delete(noteReactions).where(eq(noteReactions.id, existing.id));
        await tx.insert(noteReactions).values({ id: reactionId, noteId: note.id, userId: user.id, reaction });
      }
      const counts = previous == null ? incremented(countsColumn, reaction) : incremented(decremented(countsColumn, previous), reaction);
      await tx.update(notes).set({ reactions: counts }).where(eq(notes.id, note.id));
      if (note.userHost == null) {
        await createNotification(ctx, tx, { notifieeId: note.userId, notifierId: user.id, type: 'reaction', noteId: note.id, reaction });
      }
      return previous;
    });
  } catch (error) {
    if (error instanceof Refused) return error.reason;
    // The note was deleted meanwhile (foreign key).
    if (foreignKeyViolation(error)) return 'noSuchNote';
    throw error;
  }

  recordReaction(ctx, user, note.userId);
  if (replaced != null) publishNoteStream(ctx, note.id, 'unreacted', { reaction: decodeReaction(replaced).reaction, userId: user.id });
  publishNoteStream(ctx, note.id, 'reacted', { reaction: decodeReaction(reaction).reaction, emoji: await reactionEmoji(ctx, reaction), userId: user.id });
  void findUserById(ctx, user.id)
    .then((reactor) => reactor && emitReactionWebhooks(ctx, note, { id: reactionId, user: reactor, reaction: decodeReaction(reaction).reaction }))
    .catch((error) => ctx.log.warn({ err: error, noteId: note.id }, 'could not queue reaction webhooks'));
  return null;
}

/** The custom emoji a stored reaction names, as note-capture events carry it (`name@.` for local ones). */
async function reactionEmoji(ctx: AppContext, reaction: string): Promise<{ name: string; url: string } | null> {
  const decoded = decodeReaction(reaction);
  if (decoded.name == null || decoded.host != null) return null;
  const emoji = await findLocalEmojiByName(ctx, decoded.name);
  return emoji ? { name: `${emoji.name}@.`, url: emoji.publicUrl || emoji.originalUrl } : null;
}

/**
 * Takes back the user's reaction. A note the user can no longer see is still un-reactable when
 * they had reacted to it; otherwise it answers `noSuchNote`, as if it did not exist.
 */
export async function deleteReaction(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | 'notReacted' | null> {
  const note = await findNote(ctx, noteId);
  if (!note) return 'noSuchNote';
  const removed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(noteReactions)
      .where(and(eq(noteReactions.userId, user.id), eq(noteReactions.noteId, note.id)))
      .returning({ reaction: noteReactions.reaction });
    if (!row) return null;
    await tx.update(notes).set({ reactions: decremented(countsColumn, row.reaction) }).where(eq(notes.id, note.id));
    return row.reaction;
  });
  if (removed == null) {
    const viewer = await loadViewerContext(ctx, user);
    return canSeeNote(note, viewer) ? 'notReacted' : 'noSuchNote';
  }
  publishNoteStream(ctx, note.id, 'unreacted', { reaction: decodeReaction(removed).reaction, userId: user.id });
  return null;
}

/** Reactions to one note, newest first (Misskey paging), optionally of one `type` (either spelling of local custom emoji). */
export async function listNoteReactions(ctx: AppContext, noteId: string, query: Page & { limit: number; type?: string | null }): Promise<NoteReactionRow[]> {
  const { where, orderBy } = paginate(noteReactions.id, query);
  return ctx.db.select().from(noteReactions).where(and(
    eq(noteReactions.noteId, noteId),
    query.type ? eq(noteReactions.reaction, toStoredReaction(query.type)) : undefined,
    where,
  )).orderBy(orderBy).limit(query.limit);
}

/**
 * `users/reactions`: the user's reactions to notes the viewer may see (and whose authors the viewer
 * does not mute), newest first. Whether the list is public is the caller's check (`reactionsArePublic`).
 */
export async function listUserReactions(ctx: AppContext, userId: string, viewer: AuthUser | null, query: Page & { limit: number }): Promise<{ reaction: NoteReactionRow; note: NoteRow }[]> {
  const { where, orderBy } = paginate(noteReactions.id, query);
  return ctx.db.select({ reaction: noteReactions, note: notes }).from(noteReactions)
    .innerJoin(notes, eq(notes.id, noteReactions.noteId))
    .where(and(eq(noteReactions.userId, userId), visibleNotesWhere(viewer), where))
    .orderBy(orderBy).limit(query.limit);
}

/** Misskey: others see a user's reactions only when the profile's `publicReactions` is on. */
export async function reactionsArePublic(ctx: AppContext, userId: string): Promise<boolean> {
  const [profile] = await ctx.db.select({ publicReactions: userProfiles.publicReactions }).from(userProfiles).where(eq(userProfiles.userId, userId));
  return profile?.publicReactions ?? true;
}
