import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { homeTimelineTuning } from '../src/core/timelines/timelines.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

describe('database pools', () => {
  it('plans named prepared statements once (generic plans, no parallel workers) and everything else per call', async () => {
    const setting = async (pool: typeof server.ctx.database.pool, name: string) => (await pool.query(`SHOW ${name}`)).rows[0][name];
    expect(await setting(server.ctx.database.preparedPool, 'plan_cache_mode')).toBe('force_generic_plan');
    expect(await setting(server.ctx.database.preparedPool, 'max_parallel_workers_per_gather')).toBe('0');
    expect(await setting(server.ctx.database.pool, 'plan_cache_mode')).toBe('auto');
  });

  it('never JIT-compiles: a generic plan of the home timeline costs enough to trigger it on a PostgreSQL built with LLVM', async () => {
    const setting = async (pool: typeof server.ctx.database.pool) => (await pool.query('SHOW jit')).rows[0].jit;
    expect(await setting(server.ctx.database.preparedPool)).toBe('off');
    expect(await setting(server.ctx.database.pool)).toBe('off');
  });

  it('sends the timeline statement to the generic-plan pool, by name, for either home strategy', async () => {
    const defaultSourcesMax = homeTimelineTuning.sourcesMax;
    const alice = await server.createUser();
    await server.client(alice.token).request('notes/create', { text: 'hello' });
    const named = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map(([config]) => (config as { name?: string }).name).filter(Boolean);
    const onPrepared = vi.spyOn(server.ctx.database.preparedPool, 'query');
    const onGeneral = vi.spyOn(server.ctx.database.pool, 'query');
    try {
      const timeline = await server.client(alice.token).request('notes/timeline', {});
      expect(timeline.map((note) => note.text)).toEqual(['hello']);
      // A viewer with few sources reads each source's newest notes (src/core/timelines/timelines.ts).
      expect(named(onPrepared).some((name) => String(name).startsWith('tl_src_home_'))).toBe(true);
      expect(named(onGeneral)).toEqual([]);
      onPrepared.mockClear();
      homeTimelineTuning.sourcesMax = 0;
      expect((await server.client(alice.token).request('notes/timeline', {})).map((note) => note.text)).toEqual(['hello']);
      expect(named(onPrepared).some((name) => String(name).startsWith('tl_home_'))).toBe(true);
    } finally {
      homeTimelineTuning.sourcesMax = defaultSourcesMax;
      onPrepared.mockRestore();
      onGeneral.mockRestore();
    }
  });
});
