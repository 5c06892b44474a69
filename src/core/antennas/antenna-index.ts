import { gt, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { topics, type InternalEvent } from '../../bus/topics.js';
import { antennas, type AntennaRow, type AntennaSource, type NoteRow } from '../../db/schema/index.js';
import { isAntennaActive } from './antennas.js';

/**
 * An antenna compiled for matching: words normalised once (empty words and groups dropped, lower
 * case unless case-sensitive), accounts as a set of full lower-case `user@host`.
 */
export interface CompiledAntenna {
  id: string;
  userId: string;
  src: AntennaSource;
  userListId: string | null;
  caseSensitive: boolean;
  localOnly: boolean;
  excludeBots: boolean;
  withReplies: boolean;
  withFile: boolean;
  excludeNotesInSensitiveChannel: boolean;
  keywords: string[][];
  excludeKeywords: string[][];
  accts: ReadonlySet<string>;
  lastUsedAt: number;
}

/** The author as matching needs them. */
export interface NoteAuthor { username: string; host: string | null; isBot: boolean }

/** Misskey's `getFullApAccount`, lower case: local accounts carry this server's host. */
export function fullAcctOf(localHost: string, username: string, host: string | null): string {
  return `${username}@${host ?? localHost}`.toLowerCase();
}

/** Misskey's `Acct.parse` of an antenna's `users` entry (`@alice`, `alice`, `@alice@host`). */
function acctOfEntry(localHost: string, entry: string): string | null {
  const parts = entry.trim().replace(/^@/, '').split('@');
  const username = parts[0];
  if (!username) return null;
  return fullAcctOf(localHost, username, parts[1] ? parts[1] : null);
}

function compileWords(groups: readonly string[][], caseSensitive: boolean): string[][] {
  return groups
    .map((group) => group.filter((word) => word !== '').map((word) => (caseSensitive ? word : word.toLowerCase())))
    .filter((group) => group.length > 0);
}

export function compileAntenna(localHost: string, row: AntennaRow): CompiledAntenna {
  return {
    id: row.id,
    userId: row.userId,
    src: row.src,
    userListId: row.userListId,
    caseSensitive: row.caseSensitive,
    localOnly: row.localOnly,
    excludeBots: row.excludeBots,
    withReplies: row.withReplies,
    withFile: row.withFile,
    excludeNotesInSensitiveChannel: row.excludeNotesInSensitiveChannel,
    keywords: compileWords(row.keywords, row.caseSensitive),
    excludeKeywords: compileWords(row.excludeKeywords, row.caseSensitive),
    accts: new Set(row.users.map((entry) => acctOfEntry(localHost, entry)).filter((acct): acct is string => acct != null)),
    lastUsedAt: row.lastUsedAt.getTime(),
  };
}

/** The note's searchable text, in both cases, computed at most once per note whatever the number of antennas. */
class NoteText {
  private lower: string | null = null;
  readonly raw: string | null;

  constructor(note: Pick<NoteRow, 'text' | 'cw'>) {
    this.raw = note.text == null && note.cw == null ? null : `${note.text ?? ''}\n${note.cw ?? ''}`;
  }

  get(caseSensitive: boolean): string {
    if (caseSensitive) return this.raw!;
    return this.lower ??= this.raw!.toLowerCase();
  }
}

const anyGroupMatches = (groups: readonly string[][], text: string) => groups.some((group) => group.every((word) => text.includes(word)));

/**
 * Misskey's `checkHitAntenna`, minus what needs the owner's relations (followers-only notes, the
 * `home` and `list` sources, blocks and mutes: see ./collect.ts). Pure and synchronous: it runs for
 * every active antenna on every new note.
 */
export function antennaAccepts(
  antenna: CompiledAntenna, note: NoteRow, author: NoteAuthor, authorAcct: string, text: NoteText, inSensitiveChannel: boolean,
): boolean {
  if (antenna.excludeBots && author.isBot) return false;
  if (antenna.localOnly && author.host != null) return false;
  if (!antenna.withReplies && note.replyId != null) return false;
  if (note.visibility === 'specified' && note.userId !== antenna.userId && !note.visibleUserIds.includes(antenna.userId)) return false;
  if (antenna.excludeNotesInSensitiveChannel && inSensitiveChannel) return false;
  if (antenna.src === 'users' && !antenna.accts.has(authorAcct)) return false;
  if (antenna.src === 'users_blacklist' && antenna.accts.has(authorAcct)) return false;
  if (antenna.keywords.length > 0) {
    if (text.raw == null) return false;
    if (!anyGroupMatches(antenna.keywords, text.get(antenna.caseSensitive))) return false;
  }
  if (antenna.excludeKeywords.length > 0) {
    if (text.raw == null) return false;
    if (anyGroupMatches(antenna.excludeKeywords, text.get(antenna.caseSensitive))) return false;
  }
  if (antenna.withFile && note.fileIds.length === 0) return false;
  return true;
}

/**
 * Every active antenna of the instance, compiled, in process memory: a new note is matched against
 * all of them at once, without a query (docs/decisions.md, "Antennas: one in-memory index").
 * Loaded at the first note; kept current by `antennasChanged` events on the bus, which every process
 * applies (the writer applies them before answering, so its own next note sees the change).
 * Antennas that went unused past the threshold are skipped at match time and dropped.
 */
export class AntennaIndex {
  private readonly antennas = new Map<string, CompiledAntenna>();
  private chain: Promise<void> = Promise.resolve();
  private loaded = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: AppContext) {
    this.ensureLoaded();
    this.unsubscribe = ctx.bus.subscribe(topics.internal, (message) => {
      const event = message as InternalEvent | null;
      if (event?.type === 'antennasChanged' && Array.isArray(event.antennaIds)) {
        this.reload(event.antennaIds).catch((error) => ctx.log.warn({ err: error }, 'could not reload antennas'));
      }
    });
  }

  get size(): number {
    return this.antennas.size;
  }

  /** Reloads these antennas from the database, after every earlier load (so the newest state wins). */
  reload(ids: readonly string[]): Promise<void> {
    const next = this.chain.then(async () => {
      const rows = await this.ctx.db.select().from(antennas).where(inArray(antennas.id, [...ids]));
      const found = new Map(rows.map((row) => [row.id, row]));
      for (const id of ids) {
        const row = found.get(id);
        if (row && isAntennaActive(this.ctx, row.lastUsedAt)) this.antennas.set(id, compileAntenna(this.ctx.config.hostname, row));
        else this.antennas.delete(id);
      }
    });
    // A failed reload must not block later ones; the caller hears of it.
    this.chain = next.catch(() => {});
    return next;
  }

  /** The active antennas whose own filters accept the note (see `antennaAccepts`). */
  async candidates(note: NoteRow, author: NoteAuthor, inSensitiveChannel: boolean): Promise<CompiledAntenna[]> {
    this.ensureLoaded();
    await this.chain;
    if (this.antennas.size === 0) return [];
    const now = Date.now();
    const authorAcct = fullAcctOf(this.ctx.config.hostname, author.username, author.host);
    const text = new NoteText(note);
    const accepted: CompiledAntenna[] = [];
    for (const antenna of this.antennas.values()) {
      if (!isAntennaActive(this.ctx, antenna.lastUsedAt, now)) {
        // Unused too long: it stops collecting until `antennas/notes` (or an edit) reloads it.
        this.antennas.delete(antenna.id);
        continue;
      }
      if (antennaAccepts(antenna, note, author, authorAcct, text, inSensitiveChannel)) accepted.push(antenna);
    }
    return accepted;
  }

  close(): void {
    this.unsubscribe();
  }

  /** Starts the full load unless done or under way; a failed load is tried again at the next note. */
  private ensureLoaded(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.chain = this.loadAll().catch((error) => {
      this.loaded = false;
      this.ctx.log.warn({ err: error }, 'could not load antennas');
    });
  }

  private async loadAll(): Promise<void> {
    const threshold = this.ctx.config.deactivateAntennaThresholdMs;
    const rows = await this.ctx.db.select().from(antennas)
      .where(threshold === 0 ? undefined : gt(antennas.lastUsedAt, new Date(Date.now() - threshold)));
    for (const row of rows) this.antennas.set(row.id, compileAntenna(this.ctx.config.hostname, row));
  }
}

const indexes = new WeakMap<AppContext, AntennaIndex>();

/** The process's antenna index (created, and loaded, at first use). */
export function antennaIndexOf(ctx: AppContext): AntennaIndex {
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, index = new AntennaIndex(ctx));
  return index;
}

/** The test server's reset (src/test-mode): the index is dropped and rebuilt from the database at next use. */
export function forgetAntennaIndex(ctx: AppContext): void {
  indexes.get(ctx)?.close();
  indexes.delete(ctx);
}

/**
 * These antennas were created, changed, used again or deleted: this process's index reloads them
 * before this returns, every other process's on the bus event.
 */
export async function antennasChanged(ctx: AppContext, antennaIds: string[]): Promise<void> {
  await indexes.get(ctx)?.reload(antennaIds);
  ctx.bus.publish(topics.internal, { type: 'antennasChanged', antennaIds } satisfies InternalEvent);
}
