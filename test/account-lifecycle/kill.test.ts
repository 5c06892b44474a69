import { expect, it } from 'vitest';
import { api } from 'misskey-js';
import { eq, sql } from 'drizzle-orm';
import { createLocalUser } from '../../src/core/users/create.js';
import { driveFiles, followings, notes, users, userProfiles } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/core/users/password.js';
import { genId } from '../../src/misc/id.js';
import { exited, freePort, QUICK_JOB_RECOVERY, startMikan, useProcessDatabase } from '../mikan-process.js';
import { waitFor } from '../notes-interactions/helpers.js';

/**
 * A real Mikan killed with SIGKILL while the deleteAccount job is part-way through an account with
 * many notes and files; after a restart pg-boss hands the job back and the deletion finishes:
 * no note, file or follow of the account is left, and others' counters equal their rows.
 * Slow by nature (the job returns only after the heartbeat and retry delay, about a minute).
 */
const own = useProcessDatabase('delkill');
const { children } = own;

it('kill -9 during the deletion of an account with many notes and files: after a restart the deletion finishes', async () => {
  const { user, token } = await createLocalUser(own.ctx, { username: 'doomed' });
  await own.ctx.db.update(userProfiles).set({ password: await hashPassword('pw') }).where(eq(userProfiles.userId, user.id));
  const { user: fan } = await createLocalUser(own.ctx, { username: 'fan' });
  const { user: idol } = await createLocalUser(own.ctx, { username: 'idol' });
  await own.ctx.db.insert(followings).values([
    { id: genId(), followerId: fan.id, followeeId: user.id },
    { id: genId(), followerId: user.id, followeeId: idol.id },
  ]);
  await own.ctx.db.update(users).set({ followersCount: 1, followingCount: 1 }).where(eq(users.id, user.id));
  await own.ctx.db.update(users).set({ followingCount: 1 }).where(eq(users.id, fan.id));
  await own.ctx.db.update(users).set({ followersCount: 1 }).where(eq(users.id, idol.id));
  // Enough notes that the batched deletion takes seconds, and files on disk.
  const NOTES = 30_000;
  const start = Date.now() - 40_000_000;
  for (let done = 0; done < NOTES; done += 5000) {
    await own.ctx.db.insert(notes).values(Array.from({ length: 5000 }, (_, i) => ({
      id: genId(start + (done + i) * 1000), userId: user.id, visibility: 'public' as const, text: `note ${done + i}`,
    })));
  }
  await own.ctx.db.update(users).set({ notesCount: NOTES }).where(eq(users.id, user.id));
  const port = await freePort();
  const env = { PORT: String(port), DATABASE_URL: own.databaseUrl, MIKAN_DATA_DIR: own.dataDir, ...QUICK_JOB_RECOVERY, MIKAN_RATE_LIMIT: 'off' };
  const first = await startMikan(env, children);
  const client = new api.APIClient({ origin: `http://127.0.0.1:${port}`, credential: token });
  for (let i = 0; i < 20; i++) {
    const form = new FormData();
    form.append('i', token);
    form.append('file', new Blob([`file ${i}`], { type: 'text/plain' }), `f${i}.txt`);
    const res = await fetch(`http://127.0.0.1:${port}/api/drive/files/create`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
  }
  await client.request('i/delete-account', { password: 'pw' });

  // Kill it once the job has deleted some notes but not all.
  const left = async () => Number((await own.ctx.db.select({ n: sql<number>`count(*)` }).from(notes).where(eq(notes.userId, user.id)))[0]!.n);
  const jobId = await waitFor(async () => {
    const n = await left();
    if (n === NOTES || n === 0) return null;
    const { rows } = await own.ctx.database.pool.query<{ id: string }>(`SELECT id FROM pgboss.job WHERE name = 'deleteAccount' AND state = 'active'`);
    return rows[0]?.id ?? null;
  }, 60_000);
  first.child.kill('SIGKILL');
  await exited(first.child);
  const midway = await left();
  expect(midway).toBeGreaterThan(0);
  expect(midway).toBeLessThan(NOTES);
  // The account is already dead to the API.
  const [shell] = await own.ctx.db.select().from(users).where(eq(users.id, user.id));
  expect(shell!.isDeleted).toBe(true);

  await startMikan(env, children);
  await waitFor(async () => {
    const { rows } = await own.ctx.database.pool.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId]);
    return rows[0]?.state === 'completed';
  }, 180_000);
  expect(await left()).toBe(0);
  expect(await own.ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, user.id))).toEqual([]);
  const rowsOf = async (id: string) => (await own.ctx.db.select().from(users).where(eq(users.id, id)))[0]!;
  expect(await rowsOf(user.id)).toMatchObject({ isDeleted: true, notesCount: 0, followersCount: 0, followingCount: 0 });
  expect((await rowsOf(fan.id)).followingCount).toBe(0);
  expect((await rowsOf(idol.id)).followersCount).toBe(0);
  const { rows: drift } = await own.ctx.database.pool.query(
    `SELECT u.id FROM users u WHERE u.followers_count <> (SELECT count(*) FROM followings f WHERE f.followee_id = u.id)
       OR u.following_count <> (SELECT count(*) FROM followings f WHERE f.follower_id = u.id)`);
  expect(drift).toEqual([]);
  const { rows: [job] } = await own.ctx.database.pool.query<{ retry_count: number }>(`SELECT retry_count FROM pgboss.job WHERE id = $1`, [jobId]);
  expect(job!.retry_count).toBeGreaterThan(0);
}, 300_000);
