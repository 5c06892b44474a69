import { Ajv } from 'ajv';
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { antennas, driveFiles, userListMemberships, users, type AntennaSource } from '../../db/schema/index.js';
import type { ProgressReporter } from '../exports/progress.js';
import { fullAcct } from '../exports/sources.js';
import { IMPORT_MAX_BYTES, readFileText, type ImportSummary } from '../imports/run.js';
import { findUserById } from '../users/read.js';
import { countAntennas, createAntenna } from './antennas.js';
import { ANTENNA_SOURCES } from './schema.js';

/**
 * `i/export-antennas` and `i/import-antennas` in Misskey's format: a JSON array of
 * `{ name, src, keywords, excludeKeywords, users, userListAccts, caseSensitive, localOnly, withReplies, withFile }`,
 * `userListAccts` being the members (`user@host`) of a `list` antenna's list, else null.
 */
export async function* antennaExportElements(ctx: AppContext, userId: string): AsyncGenerator<Record<string, unknown>[]> {
  const rows = await ctx.db.select().from(antennas).where(eq(antennas.userId, userId)).orderBy(asc(antennas.id));
  const elements: Record<string, unknown>[] = [];
  for (const antenna of rows) {
    const members = antenna.userListId == null ? null : await ctx.db.select({ username: users.username, host: users.host })
      .from(userListMemberships).innerJoin(users, eq(users.id, userListMemberships.userId))
      .where(and(eq(userListMemberships.userListId, antenna.userListId), eq(users.isDeleted, false))).orderBy(asc(userListMemberships.id));
    elements.push({
      name: antenna.name,
      src: antenna.src,
      keywords: antenna.keywords,
      excludeKeywords: antenna.excludeKeywords,
      users: antenna.users,
      userListAccts: members ? members.map((member) => fullAcct(ctx, member)) : null,
      caseSensitive: antenna.caseSensitive,
      localOnly: antenna.localOnly,
      withReplies: antenna.withReplies,
      withFile: antenna.withFile,
    });
  }
  yield elements;
}


const words = { type: 'array', items: { type: 'array', items: { type: 'string' } } } as const;
/** Misskey's validation of one exported antenna (ImportAntennasProcessor). */
const validEntry = new Ajv().compile<ExportedAntenna>({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    src: { type: 'string', enum: [...ANTENNA_SOURCES] },
    userListAccts: { type: ['array', 'null'], items: { type: 'string' } },
    keywords: words,
    excludeKeywords: words,
    users: { type: 'array', items: { type: 'string' } },
    caseSensitive: { type: 'boolean' },
    localOnly: { type: 'boolean' },
    withReplies: { type: 'boolean' },
    withFile: { type: 'boolean' },
  },
  required: ['name', 'src', 'keywords', 'excludeKeywords', 'users', 'caseSensitive', 'withReplies', 'withFile'],
});

interface ExportedAntenna {
  name: string; src: AntennaSource; userListAccts?: string[] | null; keywords: string[][]; excludeKeywords: string[][];
  users: string[]; caseSensitive: boolean; localOnly?: boolean; withReplies: boolean; withFile: boolean;
}

/** The file's entries (an unreadable or non-array file has none), or null when the file is not the user's. */
async function readEntries(ctx: AppContext, userId: string, fileId: string): Promise<unknown[] | null> {
  const [file] = await ctx.db.select().from(driveFiles).where(and(eq(driveFiles.id, fileId), eq(driveFiles.userId, userId)));
  if (!file) return null;
  const text = await readFileText(ctx, file, IMPORT_MAX_BYTES.antenna);
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The endpoint's checks, in Misskey's order: the file, not empty, and room for all its antennas under `antennaLimit`. */
export async function checkAntennaImport(ctx: AppContext, userId: string, fileId: string, antennaLimit: number): Promise<'noSuchFile' | 'emptyFile' | 'tooManyAntennas' | null> {
  const [file] = await ctx.db.select({ size: driveFiles.size }).from(driveFiles).where(and(eq(driveFiles.id, fileId), eq(driveFiles.userId, userId)));
  if (!file) return 'noSuchFile';
  if (file.size === 0) return 'emptyFile';
  const entries = await readEntries(ctx, userId, fileId) ?? [];
  if (await countAntennas(ctx.db, userId) + entries.length > antennaLimit) return 'tooManyAntennas';
  return null;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates the file's antennas (Misskey's ImportAntennasProcessor): entries that fail validation or
 * have no first keyword group are skipped and counted; a `list` antenna becomes a `users` antenna of
 * its list's members. An entry identical to an antenna the user has is not created twice, so a
 * retried job (or the same file imported again) adds nothing more. Each antenna goes through
 * `createAntenna`, so `antennaLimit` holds.
 */
export async function runAntennaImport(ctx: AppContext, userId: string, fileId: string, reporter: ProgressReporter, summary: ImportSummary): Promise<void> {
  const me = await findUserById(ctx, userId);
  const entries = me ? await readEntries(ctx, userId, fileId) : null;
  if (!entries) {
    await reporter.progress(100, 'the file or the account is gone; nothing imported');
    return;
  }
  summary.rows = entries.length;
  const existing = await ctx.db.select().from(antennas).where(eq(antennas.userId, userId));
  for (const entry of entries) {
    if (!validEntry(entry) || entry.keywords.length === 0 || entry.keywords[0]!.every((word) => word === '')) {
      summary.skipped.invalid++;
      continue;
    }
    const fromList = entry.src === 'list' && entry.userListAccts != null;
    const input = {
      name: entry.name,
      src: fromList ? 'users' as const : entry.src,
      userListId: null,
      keywords: entry.keywords,
      excludeKeywords: entry.excludeKeywords,
      users: (fromList ? entry.userListAccts! : entry.users).filter((acct) => acct !== ''),
      caseSensitive: entry.caseSensitive,
      localOnly: entry.localOnly ?? false,
      withReplies: entry.withReplies,
      withFile: entry.withFile,
    };
    if (existing.some((row) => row.name === input.name && row.src === input.src && sameJson(row.keywords, input.keywords)
      && sameJson(row.excludeKeywords, input.excludeKeywords) && sameJson(row.users, input.users) && row.caseSensitive === input.caseSensitive
      && row.localOnly === input.localOnly && row.withReplies === input.withReplies && row.withFile === input.withFile)) {
      summary.unchanged++;
      continue;
    }
    const result = await createAntenna(ctx, userId, input);
    if ('error' in result) { summary.skipped.refused++; continue; }
    existing.push(result.antenna);
    summary.applied++;
  }
}
