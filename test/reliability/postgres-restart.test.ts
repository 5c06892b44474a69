import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../src/db/postgres.js';
import { databaseUrlOf } from '../database.js';
import { freePort, startMikan } from '../mikan-process.js';
import { counterDrift, signUpUsers, startWriteLoad, Workspace } from './helpers.js';

/**
 * An external PostgreSQL (a cluster of this test's own, never the machine's) restarted while Mikan
 * is under write load: Mikan stays up, serves again on its own within seconds of PostgreSQL's
 * return, and once it does there is no error storm — no failed request at all.
 */
const workspace = new Workspace();
let postgres: Awaited<ReturnType<typeof startPostgres>> | null = null;
afterAll(async () => {
  await workspace.cleanUp();
  await postgres?.stop().catch(() => {});
});

const RECOVERY_LIMIT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('external PostgreSQL restarted under load', () => {
  it('Mikan recovers on its own, with no errors once it has', async () => {
    const pgDir = workspace.dataDir('external-pg');
    const start = () => startPostgres({ databaseUrl: null, dataDir: pgDir, log: () => {} });
    postgres = await start();
    const databaseUrl = databaseUrlOf(postgres.connection);
    const port = await freePort();
    const mikan = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: workspace.dataDir('external-pg-mikan'), DATABASE_URL: databaseUrl, MIKAN_RATE_LIMIT: 'off' }, workspace.children);
    const users = await signUpUsers(port, 'pr', 5);

    const load = startWriteLoad(port, users);
    await sleep(2_000);
    const before = load.requests;
    await postgres.stop();
    const down = Date.now();
    await sleep(2_000);
    const failuresWhileDown = load.failures;
    postgres = await start();
    const up = Date.now();

    // Recovered: three writes in a row succeed.
    let streak = 0;
    let last = '';
    while (streak < 3) {
      expect(Date.now() - up, `no recovery within ${RECOVERY_LIMIT_MS} ms; last answer ${last}; Mikan said:\n${mikan.output().slice(-3000)}`).toBeLessThan(RECOVERY_LIMIT_MS);
      const res = await fetch(`http://127.0.0.1:${port}/api/notes/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i: users[0]!.token, text: 'probe' }) }).catch((error) => String(error));
      last = typeof res === 'string' ? res : `${res.status} ${(await res.text()).slice(0, 300)}`;
      streak = typeof res !== 'string' && res.status === 200 ? streak + 1 : 0;
      if (streak === 0) await sleep(100);
    }
    const recoveredAfterMs = Date.now() - up;
    load.recover();
    const requestsAtRecovery = load.requests;
    await sleep(3_000);
    await load.stop();

    const afterRecovery = load.requests - requestsAtRecovery;
    console.log(`PostgreSQL down ${up - down} ms; ${failuresWhileDown} failed requests while down (of ${load.requests - before} after the stop); serving again ${recoveredAfterMs} ms after PostgreSQL was back; ${afterRecovery} requests after recovery, ${load.failuresAfterRecovery} failed`);
    expect(mikan.child.exitCode).toBeNull();
    expect(failuresWhileDown).toBeGreaterThan(0);
    expect(afterRecovery).toBeGreaterThan(20);
    expect(load.failuresAfterRecovery, `${load.firstFailure}\n${mikan.output().split('\n').filter((line) => line.includes('internal error')).join('\n').slice(-3000)}`).toBe(0);
    // Writes cut off by the restart were rolled back whole: every counter still matches its rows.
    const client = new pg.Client(postgres.connection);
    await client.connect();
    try { expect(await counterDrift(client)).toEqual([]); } finally { await client.end(); }
  }, 120_000);
});
