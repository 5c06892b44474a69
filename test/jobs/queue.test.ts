import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { startTestServer, type TestServer } from '../harness.js';
import { defineJob, type JobKind } from '../../src/jobs/define.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { readJobProgress } from '../../src/jobs/progress.js';
import { meta } from '../../src/db/schema/index.js';
import { waitFor } from '../notes-interactions/helpers.js';

/**
 * The job core against a real PostgreSQL: a second queue (as another process would have) runs kinds
 * made for these tests, beside the test server's own.
 */
let server: TestServer;
let queue: JobQueue;
const runs: Record<string, number> = {};
let release: (() => void) | null = null;

const recorder = defineJob<{ key: string }>('test.record', { queue: 'system', retryLimit: 0, retryDelaySeconds: 1, backoff: false }, async (_ctx, { key }) => {
  runs[key] = (runs[key] ?? 0) + 1;
});
const failing = defineJob<{ key: string }>('test.failing', { queue: 'system', retryLimit: 2, retryDelaySeconds: 1, backoff: false }, async (_ctx, { key }, job) => {
  runs[key] = (runs[key] ?? 0) + 1;
  throw new Error(`attempt ${job.attempt} failed`);
});
const reporting = defineJob<{ key: string }>('test.reporting', { queue: 'system', retryLimit: 0, retryDelaySeconds: 1, backoff: false }, async (_ctx, { key }, job) => {
  await job.progress(40, 'forty');
  await new Promise<void>((resolve) => { release = resolve; });
  runs[key] = (runs[key] ?? 0) + 1;
});
const kinds: JobKind<any>[] = [recorder, failing, reporting];

beforeAll(async () => {
  server = await startTestServer();
  queue = new JobQueue(server.ctx.database.connection, kinds, { ...server.ctx.config.jobs, concurrency: 2 }, pino({ level: 'silent' }));
  await queue.start();
  await queue.work(server.ctx);
});
afterAll(async () => {
  release?.();
  await queue?.stop();
  await server?.close();
});

const jobRows = async (kind: string, key: string) => (await server.ctx.db.execute<{ id: string; state: string; retry_count: number; output: any }>(
  sql`SELECT id, state, retry_count, output FROM pgboss.job WHERE name = ${kind} AND data->>'key' = ${key}`)).rows;

describe('enqueue', () => {
  it('in a transaction: a rolled-back write leaves no job, a committed one runs once', async () => {
    await expect(server.ctx.db.transaction(async (tx) => {
      await tx.update(meta).set({ name: 'rolled back' });
      await queue.enqueue(tx, recorder, { key: 'rollback' });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    await server.ctx.db.transaction(async (tx) => {
      await tx.update(meta).set({ name: 'committed' });
      await queue.enqueue(tx, recorder, { key: 'commit' });
    });
    await waitFor(async () => (await jobRows('test.record', 'commit'))[0]?.state === 'completed');
    expect(runs.commit).toBe(1);
    expect(await jobRows('test.record', 'rollback')).toHaveLength(0);
    expect(runs.rollback).toBeUndefined();
  });

  it('a job enqueued in an open transaction is not run before the commit', async () => {
    let enqueued!: () => void;
    const inserted = new Promise<void>((resolve) => { enqueued = resolve; });
    let commit!: () => void;
    const tx = server.ctx.db.transaction(async (tx) => {
      await queue.enqueue(tx, recorder, { key: 'late-commit' });
      enqueued();
      await new Promise<void>((resolve) => { commit = resolve; });
    });
    await inserted;
    // Two polls of the worker's interval: the uncommitted job is invisible to it.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs['late-commit']).toBeUndefined();
    commit();
    await tx;
    await waitFor(() => runs['late-commit'] === 1);
  });

  it('singletonKey: one waiting job per key; another enqueue is a no-op until it is done', async () => {
    const later = new Date(Date.now() + 60_000);
    const first = await queue.enqueue(server.ctx.db, recorder, { key: 'single' }, { singletonKey: 'k1', startAfter: later });
    const second = await queue.enqueue(server.ctx.db, recorder, { key: 'single' }, { singletonKey: 'k1', startAfter: later });
    const other = await queue.enqueue(server.ctx.db, recorder, { key: 'single' }, { singletonKey: 'k2', startAfter: later });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBeNull();
    expect(other).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobRows('test.record', 'single')).toHaveLength(2);
  });

  it('refuses a kind that is not registered', async () => {
    const stray = defineJob('test.stray', { queue: 'system', retryLimit: 0, retryDelaySeconds: 1, backoff: false }, async () => {});
    await expect(queue.enqueue(server.ctx.db, stray, {})).rejects.toThrow(/not in src\/jobs\/registry/);
  });
});

describe('running', () => {
  it('retries a failing job retryLimit times, then leaves it failed (dead letter) with its error', async () => {
    await queue.enqueue(server.ctx.db, failing, { key: 'fail' });
    await waitFor(async () => (await jobRows('test.failing', 'fail'))[0]?.state === 'failed', 15_000);
    expect(runs.fail).toBe(3);
    const [job] = await jobRows('test.failing', 'fail');
    expect(job!.retry_count).toBe(2);
    expect(job!.output).toMatchObject({ message: 'attempt 3 failed' });
  }, 30_000);

  it('records progress while a job runs and clears it when the job completes', async () => {
    const id = (await queue.enqueue(server.ctx.db, reporting, { key: 'progress' }))!;
    const seen = await waitFor(async () => (await readJobProgress(server.ctx, [id])).get(id));
    expect(seen).toMatchObject({ percent: 40, message: 'forty' });
    expect((await jobRows('test.reporting', 'progress'))[0]!.state).toBe('active');
    release!();
    await waitFor(async () => (await jobRows('test.reporting', 'progress'))[0]?.state === 'completed');
    expect((await readJobProgress(server.ctx, [id])).size).toBe(0);
    expect(runs.progress).toBe(1);
  });
});
