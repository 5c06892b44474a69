import { afterAll, describe, expect, it } from 'vitest';
import { freePort, postmasterPid, startMikan } from '../mikan-process.js';
import { counterDrift, embeddedSql, lostNotes, signUpUsers, startWriteLoad, Workspace } from './helpers.js';

/**
 * kill -9 under write load, of Mikan and of its PostgreSQL at once (as a power cut would): after
 * the restart every acknowledged note is there and every counter (notesCount, followersCount,
 * followingCount, repliesCount, renoteCount, reactions) equals a COUNT(*) of the rows it counts.
 */
const workspace = new Workspace();
afterAll(() => workspace.cleanUp());

const LOAD_MS = 4_000;
const ROUNDS = 1;

describe('kill -9 under write load', () => {
  it('loses no acknowledged note and leaves every counter exact', async () => {
    const dataDir = workspace.dataDir('kill-counters');
    const port = await freePort();
    const env = { PORT: String(port), MIKAN_DATA_DIR: dataDir, MIKAN_RATE_LIMIT: 'off' };
    let mikan = await startMikan(env, workspace.children);
    const users = await signUpUsers(port, 'kc', 6);
    const summary: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const load = startWriteLoad(port, users, 18 + round);
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      const postmaster = postmasterPid(dataDir);
      expect(postmaster).not.toBeNull();
      mikan.child.kill('SIGKILL');
      process.kill(postmaster!, 'SIGKILL');
      await load.stop();
      summary.push(`round ${round}: ${load.requests} requests, ${load.acknowledgedNotes.size} notes acknowledged`);
      expect(load.acknowledgedNotes.size).toBeGreaterThan(10);

      // The next start finds a dead owner and a crashed PostgreSQL, and recovers both.
      mikan = await startMikan(env, workspace.children);
      const [lost, drift, totals] = await embeddedSql(dataDir, async (client) => {
        await client.query(`SELECT 1`);
        return [await lostNotes(client, load), await counterDrift(client), (await client.query(`SELECT
          (SELECT count(*) FROM notes)::int AS notes, (SELECT count(*) FROM followings)::int AS follows,
          (SELECT count(*) FROM note_reactions)::int AS reactions,
          (SELECT count(*) FROM notes WHERE renote_id IS NOT NULL)::int AS renotes,
          (SELECT count(*) FROM notes WHERE reply_id IS NOT NULL)::int AS replies`)).rows[0]] as const;
      });
      summary.push(`  after restart: ${JSON.stringify(totals)}`);
      expect(lost).toEqual([]);
      expect(drift).toEqual([]);
      // The load touched every counter, so exactness was checked on real numbers.
      expect(totals.follows).toBeGreaterThan(0);
      expect(totals.reactions).toBeGreaterThan(0);
      expect(totals.renotes).toBeGreaterThan(0);
      expect(totals.replies).toBeGreaterThan(0);
      // And the restarted server serves writes.
      const note = await fetch(`http://127.0.0.1:${port}/api/notes/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i: users[0]!.token, text: 'after the crash' }) });
      expect(note.status).toBe(200);
    }
    console.log(summary.join('\n'));
  }, 180_000);
});
