import { expect, it } from 'vitest';
import { api } from 'misskey-js';
import { createLocalUser } from '../../src/core/users/create.js';
import { followings, notes, userExports, users } from '../../src/db/schema/index.js';
import { readJobProgress } from '../../src/jobs/progress.js';
import { genId } from '../../src/misc/id.js';
import { eq } from 'drizzle-orm';
import { exited, freePort, QUICK_JOB_RECOVERY, startMikan, useProcessDatabase } from '../mikan-process.js';
import { waitFor } from '../notes-interactions/helpers.js';

/**
 * A real Mikan process killed with SIGKILL in the middle of an export job and an import job (one
 * kill for both: the slow part is waiting for pg-boss to give the jobs back); after a restart each
 * job runs again and takes effect exactly once: one export file, record and notification; every
 * imported follow once, with one notification and exact counters.
 * Slow by nature (about 3 minutes on the shared machine): the job comes back only once pg-boss
 * finds its worker silent past the heartbeat and the retry delay (30 s) has passed.
 */
const own = useProcessDatabase('crash');
const { children } = own;

it('kill -9 during i/export-notes and i/import-following: after a restart one export, and every follow once', async () => {
  const { user, token } = await createLocalUser(own.ctx, { username: 'crashy' });
  // Accounts to follow: an import of this many rows takes long enough to be caught part-way.
  const followeeNames = Array.from({ length: 1500 }, (_, i) => `imp${i}`);
  for (const username of followeeNames) await createLocalUser(own.ctx, { username });
  const start = Date.now() - 40_000_000;
  for (let done = 0; done < 40_000; done += 5000) {
    await own.ctx.db.insert(notes).values(Array.from({ length: 5000 }, (_, i) => ({
      id: genId(start + (done + i) * 1000), userId: user.id, visibility: 'public' as const, text: `note ${done + i} ${'x'.repeat(200)}`,
    })));
  }
  const port = await freePort();
  const env = { PORT: String(port), DATABASE_URL: own.databaseUrl, MIKAN_DATA_DIR: own.dataDir, ...QUICK_JOB_RECOVERY, MIKAN_RATE_LIMIT: 'off' };
  const first = await startMikan(env, children);
  const client = new api.APIClient({ origin: `http://127.0.0.1:${port}`, credential: token });
  const form = new FormData();
  form.append('i', token);
  form.append('force', 'true');
  form.append('file', new Blob([followeeNames.map((name) => `${name}\n`).join('')], { type: 'text/csv' }), 'following.csv');
  const upload = await fetch(`http://127.0.0.1:${port}/api/drive/files/create`, { method: 'POST', body: form });
  expect(upload.status).toBe(200);
  const csv = await upload.json() as { id: string };
  await client.request('i/export-notes', {});
  await client.request('i/import-following', { fileId: csv.id });

  // Kill it once both jobs have reported progress (each is part-way through its rows).
  const midway = async (name: string) => {
    const { rows } = await own.ctx.database.pool.query<{ id: string }>(`SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'`, [name]);
    if (!rows[0]) return null;
    const progress = (await readJobProgress(own.ctx, [rows[0].id])).get(rows[0].id);
    return progress && progress.percent > 0 && progress.percent < 100 ? rows[0].id : null;
  };
  const [jobId, importJobId] = await waitFor(async () => {
    const [exportJob, importJob] = await Promise.all([midway('exportNotes'), midway('importFollowing')]);
    return exportJob && importJob ? [exportJob, importJob] : null;
  }, 60_000);
  first.child.kill('SIGKILL');
  await exited(first.child);
  expect((await own.ctx.db.select().from(userExports).where(eq(userExports.userId, user.id)))).toHaveLength(0);
  const followedBeforeRestart = (await own.ctx.db.select({ id: followings.id }).from(followings).where(eq(followings.followerId, user.id))).length;
  expect(followedBeforeRestart).toBeGreaterThan(0);
  expect(followedBeforeRestart).toBeLessThan(followeeNames.length);

  await startMikan(env, children);
  await waitFor(async () => {
    const { rows } = await own.ctx.database.pool.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = ANY($1)`, [[jobId, importJobId]]);
    return rows.length === 2 && rows.every((row) => row.state === 'completed');
  }, 180_000);

  // The import: every account followed once, each notified once, counters equal to the rows.
  const followed = await own.ctx.db.select({ followeeId: followings.followeeId }).from(followings).where(eq(followings.followerId, user.id));
  expect(followed).toHaveLength(followeeNames.length);
  expect(new Set(followed.map((row) => row.followeeId)).size).toBe(followeeNames.length);
  const { rows: [notified] } = await own.ctx.database.pool.query<{ total: number; distinct_notifiees: number }>(
    `SELECT count(*)::int AS total, count(DISTINCT notifiee_id)::int AS distinct_notifiees FROM notifications WHERE notifier_id = $1 AND type = 'follow'`, [user.id]);
  expect(notified).toEqual({ total: followeeNames.length, distinct_notifiees: followeeNames.length });
  const [me] = await own.ctx.db.select({ followingCount: users.followingCount }).from(users).where(eq(users.id, user.id));
  expect(me!.followingCount).toBe(followeeNames.length);
  const { rows: drift } = await own.ctx.database.pool.query(
    `SELECT u.id FROM users u WHERE u.followers_count <> (SELECT count(*) FROM followings f WHERE f.followee_id = u.id)`);
  expect(drift).toEqual([]);

  const files = await client.request('drive/files', { limit: 100 }) as any[];
  expect(files.filter((file) => file.name.startsWith('notes-'))).toHaveLength(1);
  const exportsDone = await own.ctx.db.select().from(userExports).where(eq(userExports.userId, user.id));
  expect(exportsDone).toHaveLength(1);
  const notifications = await client.request('i/notifications', { includeTypes: ['exportCompleted'] }) as any[];
  expect(notifications).toEqual([expect.objectContaining({ exportedEntity: 'note', fileId: exportsDone[0]!.fileId })]);
  const { rows: [job] } = await own.ctx.database.pool.query<{ retry_count: number }>(`SELECT retry_count FROM pgboss.job WHERE id = $1`, [jobId]);
  expect(job!.retry_count).toBeGreaterThan(0);
}, 300_000);
