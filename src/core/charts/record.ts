import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { parseIdTime } from '../../misc/id.js';
import { chartRecorder } from './recorder.js';

/**
 * What the write paths tell the charts, each an in-memory increment (recorder.ts), called after
 * the change committed. Misskey's NotesChart / PerUserNotesChart / UsersChart / DriveChart /
 * PerUserDriveChart / PerUserFollowingChart / PerUserReactionsChart / PerUserPvChart / ActiveUsersChart.
 */

const where = (host: string | null) => (host == null ? 'local' : 'remote');

export interface ChartNote {
  userId: string;
  userHost: string | null;
  replyId: string | null;
  renoteId: string | null;
  hasFiles: boolean;
}

/** A note was created (`added`) or deleted. */
export function recordNote(ctx: AppContext, note: ChartNote, added: boolean): void {
  const sign = added ? 1 : -1;
  const deltas = {
    total: sign,
    inc: added ? 1 : 0,
    dec: added ? 0 : 1,
    'diffs.normal': note.replyId == null && note.renoteId == null ? sign : 0,
    'diffs.reply': note.replyId != null ? sign : 0,
    'diffs.renote': note.renoteId != null ? sign : 0,
    'diffs.withFile': note.hasFiles ? sign : 0,
  };
  const prefix = where(note.userHost);
  chartRecorder(ctx).add('notes', '', Object.fromEntries(Object.entries(deltas).map(([field, delta]) => [`${prefix}.${field}`, delta])));
  chartRecorder(ctx).add('per-user-notes', note.userId, deltas);
}

/** An account was created (`added`) or deleted. */
export function recordUser(ctx: AppContext, user: { host: string | null }, added: boolean): void {
  const prefix = where(user.host);
  chartRecorder(ctx).add('users', '', { [`${prefix}.total`]: added ? 1 : -1, [`${prefix}.inc`]: added ? 1 : 0, [`${prefix}.dec`]: added ? 0 : 1 });
}

/** A drive file was stored (`added`) or deleted. */
export function recordDriveFile(ctx: AppContext, file: { userId: string | null; userHost: string | null; size: number }, added: boolean): void {
  const prefix = where(file.userHost);
  const [count, size] = added ? ['incCount', 'incSize'] : ['decCount', 'decSize'];
  chartRecorder(ctx).add('drive', '', { [`${prefix}.${count}`]: 1, [`${prefix}.${size}`]: file.size });
  if (file.userId) {
    chartRecorder(ctx).add('per-user-drive', file.userId, {
      totalCount: added ? 1 : -1, totalSize: added ? file.size : -file.size, [count]: 1, [size]: file.size,
    });
  }
}

/** `follower` started (`added`) or stopped following `followee`: both users' following charts. */
export function recordFollowing(ctx: AppContext, follower: { id: string; host: string | null }, followee: { id: string; host: string | null }, added: boolean): void {
  const deltas = (prefix: string) => ({ [`${prefix}.total`]: added ? 1 : -1, [`${prefix}.inc`]: added ? 1 : 0, [`${prefix}.dec`]: added ? 0 : 1 });
  chartRecorder(ctx).add('per-user-following', follower.id, deltas(`${where(followee.host)}.followings`));
  chartRecorder(ctx).add('per-user-following', followee.id, deltas(`${where(follower.host)}.followers`));
}

/** `reactor` reacted to a note of `noteAuthorId` (the author's chart; Misskey counts additions only). */
export function recordReaction(ctx: AppContext, reactor: { host: string | null }, noteAuthorId: string): void {
  chartRecorder(ctx).add('per-user-reactions', noteAuthorId, { [`${where(reactor.host)}.count`]: 1 });
}

/**
 * Someone viewed `userId`'s profile (`users/show`): a signed-in user other than its owner, or a
 * visitor without credential, known by a hash of their IP address (never the address itself).
 */
export function recordProfileView(ctx: AppContext, userId: string, viewer: { userId: string } | { ip: string }): void {
  const recorder = chartRecorder(ctx);
  if ('userId' in viewer) {
    if (viewer.userId === userId) return;
    recorder.addUnique('per-user-pv', userId, ['upv.user'], viewer.userId);
    recorder.add('per-user-pv', userId, { 'pv.user': 1 });
  } else {
    const visitor = createHash('sha256').update(viewer.ip).digest('base64url').slice(0, 22);
    recorder.addUnique('per-user-pv', userId, ['upv.visitor'], visitor);
    recorder.add('per-user-pv', userId, { 'pv.visitor': 1 });
  }
}

const DAY = 86_400_000;

/** A local user read a timeline (Misskey: `read`, with the registration-age groups). */
export function recordActiveRead(ctx: AppContext, user: { id: string; host: string | null }): void {
  if (user.host != null) return;
  // An account's id holds the time it was created (aidx).
  const age = Date.now() - parseIdTime(user.id).getTime();
  const fields = ['read'];
  for (const [name, span] of [['Week', 7 * DAY], ['Month', 30 * DAY], ['Year', 365 * DAY]] as const) {
    fields.push(age < span ? `registeredWithin${name}` : `registeredOutside${name}`);
  }
  chartRecorder(ctx).addUnique('active-users', '', fields, user.id);
}

/** A local user posted a note (Misskey: `write`). */
export function recordActiveWrite(ctx: AppContext, user: { id: string; host: string | null }): void {
  if (user.host != null) return;
  chartRecorder(ctx).addUnique('active-users', '', ['write'], user.id);
}
