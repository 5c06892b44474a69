import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, userLists, type DriveFileRow, type UserListRow, type UserRow } from '../../db/schema/index.js';
import { storageOf } from '../../storage/index.js';
import { block } from '../blocking/blocking.js';
import type { ProgressReporter } from '../exports/progress.js';
import { follow } from '../following/follow.js';
import { createList, pushToList } from '../lists/lists.js';
import { mute } from '../muting/muting.js';
import { findLocalUserByUsername, findUserById } from '../users/read.js';
import { parseAcct, parseImportRows } from './rows.js';
import { runAntennaImport } from '../antennas/transfer.js';

export type ImportKind = 'following' | 'muting' | 'blocking' | 'userList' | 'antenna';

export interface ImportJobData {
  userId: string;
  fileId: string;
  kind: ImportKind;
  /** import-following: follow with replies shown. */
  withReplies?: boolean;
}

/** Misskey's size limits per import (bytes): larger files are refused with TOO_BIG_FILE (antennas: Misskey sets none; Mikan reads at most 1 MB of one). */
export const IMPORT_MAX_BYTES: Record<ImportKind, number> = { following: 50_000, muting: 50_000, blocking: 50_000, userList: 30_000, antenna: 1_000_000 };

/** How the rows of one import went. */
export interface ImportSummary {
  rows: number;
  /** The row took effect now. */
  applied: number;
  /** It was in effect already (already followed, muted, blocked, on the list), e.g. on a retry. */
  unchanged: number;
  skipped: { invalid: number; unknownUser: number; remoteUser: number; self: number; refused: number };
}

export type ImportFileProblem = 'noSuchFile' | 'emptyFile' | 'tooBigFile';

/** The checks the endpoints make before queueing: the caller's own file, not empty, not too big. */
export async function checkImportFile(ctx: AppContext, userId: string, fileId: string, kind: ImportKind): Promise<ImportFileProblem | null> {
  // Misskey finds the file by id alone; Mikan reads only the caller's own files.
  const [file] = await ctx.db.select({ size: driveFiles.size }).from(driveFiles).where(and(eq(driveFiles.id, fileId), eq(driveFiles.userId, userId)));
  if (!file) return 'noSuchFile';
  if (file.size > IMPORT_MAX_BYTES[kind]) return 'tooBigFile';
  if (file.size === 0) return 'emptyFile';
  return null;
}

/** The file's text, or null when it is gone or larger than `maxBytes`. */
export async function readFileText(ctx: AppContext, file: DriveFileRow, maxBytes: number): Promise<string | null> {
  const blob = await storageOf(ctx).read(file.accessKey);
  if (!blob) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blob.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) { blob.body.destroy(); return null; }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type RowOutcome = 'applied' | 'unchanged' | keyof ImportSummary['skipped'];

/** The account a row names, if it is a local one; remote accounts cannot be resolved without federation. */
async function resolveTarget(ctx: AppContext, acctField: string | undefined): Promise<UserRow | Exclude<RowOutcome, 'applied' | 'unchanged'>> {
  const acct = parseAcct(acctField ?? '');
  if (!acct) return 'invalid';
  if (acct.host !== null && acct.host !== ctx.config.hostname.toLowerCase()) return 'remoteUser';
  return await findLocalUserByUsername(ctx, acct.username) ?? 'unknownUser';
}

/**
 * Applies one row. Each effect is one call of the feature's own function, which commits the
 * follow, mute, block or list membership (with what goes with it) in its own transaction and is
 * a no-op when already in effect: a row is never half-applied, and running the import again (a
 * retried job) changes nothing more.
 */
async function applyRow(ctx: AppContext, me: UserRow, data: ImportJobData, row: string[], lists: Map<string, UserListRow>): Promise<RowOutcome> {
  const target = await resolveTarget(ctx, data.kind === 'userList' ? row[1] : row[0]);
  if (typeof target === 'string') return target;
  switch (data.kind) {
    case 'following': {
      if (target.id === me.id) return 'self';
      const outcome = await follow(ctx, me, target, { withReplies: data.withReplies ?? false });
      return outcome === 'followed' || outcome === 'requested' ? 'applied' : outcome === 'alreadyFollowing' ? 'unchanged' : 'refused';
    }
    case 'muting':
      if (target.id === me.id) return 'self';
      return await mute(ctx, me.id, target.id, null) ? 'applied' : 'unchanged';
    case 'blocking':
      if (target.id === me.id) return 'self';
      return await block(ctx, me.id, target.id) ? 'applied' : 'unchanged';
    case 'antenna':
      return 'invalid'; // a JSON file, imported whole by runAntennaImport
    case 'userList': {
      const name = row[0] ?? '';
      if (name === '' || name.length > 100) return 'invalid';
      let list = lists.get(name);
      if (!list) {
        const created = await createList(ctx, me.id, name);
        if ('error' in created) return 'refused';
        list = created.list;
        lists.set(name, list);
      }
      const outcome = await pushToList(ctx, list, target.id);
      return outcome === 'ok' ? 'applied' : outcome === 'alreadyAdded' ? 'unchanged' : 'refused';
    }
  }
}

/** Report progress about every this many rows (and at the end). */
const PROGRESS_EVERY = 20;

export function describeSummary(summary: ImportSummary): string {
  const { skipped } = summary;
  const skippedTotal = Object.values(skipped).reduce((sum, n) => sum + n, 0);
  return `${summary.rows} rows: ${summary.applied} applied, ${summary.unchanged} already in effect, ${skippedTotal} skipped`
    + ` (${skipped.unknownUser} unknown users, ${skipped.remoteUser} remote users, ${skipped.invalid} invalid, ${skipped.self} yourself, ${skipped.refused} refused)`;
}

/**
 * Runs one import row by row, reporting progress. Rows that cannot be applied are skipped and
 * counted, never fatal; a missing file or account ends the import with nothing applied.
 */
export async function runImport(ctx: AppContext, data: ImportJobData, reporter: ProgressReporter): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, applied: 0, unchanged: 0, skipped: { invalid: 0, unknownUser: 0, remoteUser: 0, self: 0, refused: 0 } };
  if (data.kind === 'antenna') {
    await runAntennaImport(ctx, data.userId, data.fileId, reporter, summary);
    await reporter.progress(100, describeSummary(summary));
    ctx.log.info({ userId: data.userId, kind: data.kind, ...summary }, 'import finished');
    return summary;
  }
  const me = await findUserById(ctx, data.userId);
  const [file] = await ctx.db.select().from(driveFiles).where(and(eq(driveFiles.id, data.fileId), eq(driveFiles.userId, data.userId)));
  const text = me && file ? await readFileText(ctx, file, IMPORT_MAX_BYTES[data.kind]) : null;
  if (!me || text === null) {
    await reporter.progress(100, 'the file or the account is gone; nothing imported');
    return summary;
  }
  const { rows, unreadable } = parseImportRows(text, data.kind === 'userList' ? 1 : 0);
  summary.rows = rows.length + unreadable;
  summary.skipped.invalid += unreadable;
  const lists = new Map<string, UserListRow>();
  if (data.kind === 'userList') {
    // Misskey adds to the user's list of that name, creating it when there is none.
    for (const list of await ctx.db.select().from(userLists).where(eq(userLists.userId, me.id)).orderBy(asc(userLists.id))) {
      if (!lists.has(list.name)) lists.set(list.name, list);
    }
  }
  for (const [index, row] of rows.entries()) {
    const outcome = await applyRow(ctx, me, data, row, lists);
    if (outcome === 'applied' || outcome === 'unchanged') summary[outcome]++;
    else summary.skipped[outcome]++;
    if ((index + 1) % PROGRESS_EVERY === 0 && index + 1 < rows.length) {
      await reporter.progress(Math.floor(((index + 1) / rows.length) * 100), `${index + 1} of ${rows.length} rows`);
    }
  }
  await reporter.progress(100, describeSummary(summary));
  ctx.log.info({ userId: me.id, kind: data.kind, ...summary }, 'import finished');
  return summary;
}
