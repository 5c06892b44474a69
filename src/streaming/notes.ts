import { and, eq, inArray } from 'drizzle-orm';
// `Sender` is exported by ws at runtime but missing from its type definitions.
import * as ws from 'ws';
const Sender = (ws as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] } }).Sender;
import type { AppContext } from '../context.js';
import type { StreamEvent } from '../bus/topics.js';
import { noteReactions, notes, pollVotes, users, type NoteRow } from '../db/schema/index.js';
import type { AuthUser } from '../core/auth/authenticate.js';
import { packNotes } from '../core/notes/pack.js';
import type { Note } from '../core/notes/schema.js';
import { canSeeNote, type VisibilityFields } from '../core/notes/visibility.js';
import type { StreamConnection } from './connection.js';
import { isHiddenUser, type StreamViewer } from './viewer.js';

/**
 * A complete WebSocket text frame (header and payload), built once and written as is to every
 * socket that gets it: no per-socket framing. See `StreamConnection.sendFrame`.
 */
function wireFrame(payload: string): Buffer {
  const parts = Sender.frame(Buffer.from(payload), { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function frame(channelId: string, noteJson: string): string {
  return `{"type":"channel","body":{"id":${JSON.stringify(channelId)},"type":"note","body":${noteJson}}}`;
}

/** A note as published on `notesStream` (JSON: dates are strings until revived). */
export function reviveNote(message: unknown): NoteRow | null {
  const raw = message as Record<string, unknown> | null;
  if (!raw || typeof raw.id !== 'string' || typeof raw.userId !== 'string') return null;
  return {
    ...(raw as unknown as NoteRow),
    createdAt: new Date(raw.createdAt as string),
    updatedAt: raw.updatedAt ? new Date(raw.updatedAt as string) : null,
  };
}

function authorAsViewer(userId: string): AuthUser {
  return { id: userId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
}

/**
 * One new note on its way to many sockets. Everything that does not depend on the viewer is done
 * once per event, whatever the number of sockets: the targets it embeds (reply, renote and the
 * renote's own targets) are loaded once, the note is packed once for signed-in viewers and once
 * for anonymous ones, and serialised once. Per viewer only what differs is added: `myReaction` and
 * poll votes on an embedded renote, loaded for all waiting viewers in one query per tick.
 */
export class NoteEvent {
  /** Reply, renote, and the renote's reply and renote (what packing embeds), by id. */
  readonly targets: Promise<NoteRow[]>;
  private signedIn?: Promise<{ note: Note; json: string; perViewer: 'none' | 'renoteState' | 'full' } | null>;
  private anonymous?: Promise<string | null>;
  private pendingViewers = new Map<string, ((state: { reaction: string | null; votes: Set<number> }) => void)[]>();
  private flushScheduled = false;
  private readonly perViewerJson = new Map<string, Promise<string | null>>();

  private targetRows: NoteRow[] | null = null;
  private anonymousJson: string | null = null;
  private signedInBase: { note: Note; json: string; perViewer: 'none' | 'renoteState' | 'full' } | null = null;
  private readonly frames = new Map<string, Buffer>();

  constructor(private readonly ctx: AppContext, readonly note: NoteRow) {
    this.targets = this.loadTargets();
    this.targets.then((rows) => { this.targetRows = rows; }, () => {});
  }

  /** `visibleTo` once `targets` has resolved (the fan-out awaits it once per event). */
  visibleToSync(viewer: StreamViewer): boolean {
    if (!canSeeNote(this.note, viewer.context)) return false;
    for (const target of this.targetRows ?? []) if (!canSeeNote(target, viewer.context)) return false;
    return true;
  }

  /** Packs (once) what the viewers about to receive this note need. */
  async prepare(anonymous: boolean, signedIn: boolean): Promise<void> {
    const [anon, base] = await Promise.all([
      anonymous ? (this.anonymous ??= this.packAnonymous()) : null,
      signedIn ? this.packSignedIn() : null,
      this.targets,
    ]);
    if (anon) this.anonymousJson = anon;
    if (base) this.signedInBase = base;
  }

  /**
   * The whole frame for one channel after `prepare`: shared bytes (framed once per channel id) in
   * the common case, a promise when this viewer needs a note packed for them, null if unpackable.
   */
  frameFor(user: AuthUser | null, viewer: StreamViewer, channelId: string): Buffer | Promise<string | null> | null {
    let json: string | null;
    let variant: string;
    if (!user) {
      json = this.anonymousJson;
      variant = 'a';
    } else {
      const base = this.signedInBase;
      if (!base) return null;
      if (base.perViewer !== 'none') return this.forUser(user, viewer).then((one) => (one === null ? null : frame(channelId, one)));
      json = base.json;
      variant = 's';
    }
    if (json === null) return null;
    const key = variant + channelId;
    let bytes = this.frames.get(key);
    if (!bytes) this.frames.set(key, bytes = wireFrame(frame(channelId, json)));
    return bytes;
  }

  private async loadTargets(): Promise<NoteRow[]> {
    const note = this.note;
    const first = [note.replyId, note.renoteId].filter((id): id is string => id != null);
    if (first.length === 0) return [];
    const level1 = await this.ctx.db.select().from(notes).where(inArray(notes.id, first));
    const renote = level1.find((row) => row.id === note.renoteId);
    const second = renote ? [renote.replyId, renote.renoteId].filter((id): id is string => id != null) : [];
    const level2 = second.length > 0 ? await this.ctx.db.select().from(notes).where(inArray(notes.id, second)) : [];
    return [...level1, ...level2];
  }

  private async packAnonymous(): Promise<string | null> {
    const [packed] = await packNotes(this.ctx, [this.note], null);
    return packed ? JSON.stringify(packed) : null;
  }

  private packSignedIn() {
    return this.signedIn ??= (async () => {
      // Packed as its author sees it: nothing of the note itself is hidden from them.
      const [packed] = await packNotes(this.ctx, [this.note], authorAsViewer(this.note.userId));
      if (!packed) return null;
      const targets = await this.targets;
      const authorIds = [...new Set(targets.map((target) => target.userId))];
      const authors = authorIds.length > 0
        ? await this.ctx.db.select({ id: users.id, hiddenBefore: users.makeNotesHiddenBefore }).from(users).where(inArray(users.id, authorIds))
        : [];
      // Rare cases where what is hidden depends on who looks: pack per viewer.
      const embeddedHidden = packed.reply?.isHidden || packed.renote?.isHidden || packed.renote?.reply?.isHidden || packed.renote?.renote?.isHidden;
      let perViewer: 'none' | 'renoteState' | 'full' = 'none';
      if (embeddedHidden || authors.some((author) => author.hiddenBefore != null)) perViewer = 'full';
      else if (packed.renote && (packed.renote.myReaction !== undefined || packed.renote.poll)) perViewer = 'renoteState';
      return { note: packed, json: JSON.stringify(packed), perViewer };
    })();
  }

  private async forUser(user: AuthUser, viewer: StreamViewer): Promise<string | null> {
    const base = await this.packSignedIn();
    if (!base) return null;
    if (base.perViewer === 'none') return base.json;
    let json = this.perViewerJson.get(user.id);
    if (json) return json;
    if (base.perViewer === 'full') {
      json = packNotes(this.ctx, [this.note], user, { viewerContext: viewer.context }).then(([packed]) => (packed ? JSON.stringify(packed) : null));
    } else {
      json = this.renoteState(user.id).then((state) => {
        const renote = base.note.renote!;
        const adjusted: Note = {
          ...base.note,
          renote: {
            ...renote,
            ...(renote.myReaction !== undefined ? { myReaction: state.reaction } : {}),
            ...(renote.poll ? { poll: { ...renote.poll, choices: renote.poll.choices.map((choice, index) => ({ ...choice, isVoted: state.votes.has(index) })) } } : {}),
          },
        };
        return JSON.stringify(adjusted);
      });
    }
    this.perViewerJson.set(user.id, json);
    return json;
  }

  /** The viewer's reaction to and votes on the embedded renote; one query for every viewer waiting this tick. */
  private renoteState(userId: string): Promise<{ reaction: string | null; votes: Set<number> }> {
    return new Promise((resolve) => {
      const waiting = this.pendingViewers.get(userId);
      if (waiting) waiting.push(resolve); else this.pendingViewers.set(userId, [resolve]);
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => { void this.flushRenoteState(); });
    });
  }

  private async flushRenoteState(): Promise<void> {
    const pending = this.pendingViewers;
    this.pendingViewers = new Map();
    this.flushScheduled = false;
    const renoteId = this.note.renoteId!;
    const ids = [...pending.keys()];
    const [reactions, votes] = await Promise.all([
      this.ctx.db.select({ userId: noteReactions.userId, reaction: noteReactions.reaction }).from(noteReactions)
        .where(and(eq(noteReactions.noteId, renoteId), inArray(noteReactions.userId, ids))),
      this.ctx.db.select({ userId: pollVotes.userId, choice: pollVotes.choice }).from(pollVotes)
        .where(and(eq(pollVotes.noteId, renoteId), inArray(pollVotes.userId, ids))),
    ]).catch(() => [[], []] as const);
    for (const [userId, resolvers] of pending) {
      const state = {
        reaction: reactions.find((row) => row.userId === userId)?.reaction ?? null,
        votes: new Set(votes.filter((row) => row.userId === userId).map((row) => row.choice)),
      };
      for (const resolve of resolvers) resolve(state);
    }
  }
}

/** What a socket keeps of a captured note: its id and what decides who may see it. */
export type CapturedNote = VisibilityFields & { id: string };

/** Note capture checks. */
export class NoteDelivery {
  constructor(readonly ctx: AppContext) {}

  /** `subNote` is honoured only for a note the viewer may see (`notes/show` rules): answers it, or null. */
  async capturable(connection: StreamConnection, noteId: string): Promise<CapturedNote | null> {
    const [note] = await this.ctx.db.select({
      id: notes.id, userId: notes.userId, visibility: notes.visibility, localOnly: notes.localOnly,
      visibleUserIds: notes.visibleUserIds, mentions: notes.mentions, replyUserId: notes.replyUserId, createdAt: notes.createdAt,
    }).from(notes).where(eq(notes.id, noteId)).limit(1);
    if (!note) return null;
    const viewer = await connection.viewer();
    return canSeeNote(note, viewer.context) ? note : null;
  }

  /**
   * An event of a captured note reaches the viewer only while they may still see the note (a block
   * or an unfollow after `subNote` ends it, with the viewer's cached relations), and not when its
   * actor is someone they block, are blocked by or mute.
   */
  async shouldDeliverNoteEvent(connection: StreamConnection, note: CapturedNote, event: StreamEvent): Promise<boolean> {
    const viewer = await connection.viewer();
    if (!canSeeNote(note, viewer.context)) return false;
    const actor = (event.body as { userId?: unknown } | null)?.userId;
    if (typeof actor !== 'string' || !connection.user) return true;
    return !isHiddenUser(viewer, actor);
  }
}
