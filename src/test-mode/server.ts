import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { closeContext, createContext, type AppContext } from '../context.js';
import { buildServer } from '../server.js';
import { openDatabase } from '../db/postgres.js';
import { signUp } from '../core/users/signup.js';
import { resetClockOffset } from '../clock.js';
import { MailCatcher, type CapturedMail } from './mail.js';
import { BASE_SNAPSHOT, TestState } from './state.js';
import { advanceClock } from './clock.js';
import { testRoutesPlugin } from './routes.js';
import { prepareDataDir } from './template.js';
import { loadFixtures, type Fixtures, type LoadedFixtures } from './fixtures.js';

export interface TestServerOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Per-endpoint and sign-in rate limits (default off, as Misskey's test mode has them). */
  rateLimits?: boolean;
  /** pino level for the server's log (default `silent`). */
  logLevel?: string;
  /** Fixtures loaded after start and included in the `reset-db` state. */
  fixtures?: Fixtures;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`: the origin for misskey-js, `fetch` or a streaming client. */
  origin: string;
  /** The administrator's token (username `admin`). */
  token: string;
  admin: { id: string; username: string; password: string };
  /** What `options.fixtures` created (named users with tokens, notes, files, clips, …). */
  fixtures: LoadedFixtures;
  /** The throwaway data directory (embedded PostgreSQL, drive files); removed by `close`. */
  dataDir: string;
  /** Milliseconds from the call to a server ready for requests. */
  readyMs: number;
  /** `POST /api/reset-db`: back to the state right after start (administrator, `options.fixtures`). */
  resetDb(): Promise<void>;
  snapshot(name: string): Promise<void>;
  restore(name: string): Promise<void>;
  /** Loads more fixtures (names stay stable: a test refers to `users.alice`, `notes.hello`, …). */
  load(fixtures: Fixtures): Promise<LoadedFixtures>;
  /** Moves the server's clock forward and waits until the jobs that became due have run. */
  advanceClock(ms: number): Promise<{ now: string; offsetMs: number }>;
  /** Captured mail, waiting until at least `count` arrived (default 0: what there is now). */
  mails(options?: { count?: number; timeoutMs?: number }): Promise<CapturedMail[]>;
  /** Stops the server and removes its data directory. */
  close(): Promise<void>;
}

interface Running {
  ctx: AppContext; app: FastifyInstance; mail: MailCatcher; state: TestState; dataDir: string;
  /** Fixtures loading with the names known so far (set once the server is up; the routes use it too). */
  loadMore: (fixtures: Fixtures) => Promise<LoadedFixtures>;
}

/**
 * Mikan as a throwaway Misskey for other programs' tests: the normal server (context, endpoints,
 * jobs, embedded PostgreSQL) in a fresh data directory, with the switches only this entry can turn
 * on (rate limits off, loopback fetches allowed, mail captured, `reset-db` and `/api/_test/*`).
 * Nothing in the environment can turn them on for `mikan start`: they exist only here.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const began = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDir);
  let running: Running;
  try {
    running = await boot(dataDir, options);
  } catch (error) {
    removeDir();
    process.removeListener('exit', removeDir);
    throw error;
  }
  const { ctx, app, mail, state } = running;
  const origin = ctx.config.url;

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      try {
        await app.close();
        await closeContext(ctx);
        await mail.close();
      } finally {
        resetClockOffset();
        removeDir();
        process.removeListener('exit', removeDir);
      }
    })();
    return closed;
  };

  const password = randomBytes(12).toString('base64url');
  let seeded;
  try {
    // A bad fixture file fails the start: nothing may stay running or on disk behind it.
    const { user, token } = await signUp(ctx, { username: 'admin', password }, { isAdmin: true, allowReserved: true, firstRun: 'promote' });
    const fixtures = options.fixtures ? await loadFixtures(ctx, origin, options.fixtures) : emptyFixtures();
    await state.snapshot(BASE_SNAPSHOT);
    seeded = { user, token, fixtures };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  const { user, token, fixtures } = seeded;
  const knownUsers: LoadedFixtures['users'] = { admin: { id: user.id, username: user.username, token }, ...fixtures.users };
  running.loadMore = async (more) => {
    const loaded = await loadFixtures(ctx, origin, more, knownUsers);
    Object.assign(knownUsers, loaded.users);
    return loaded;
  };

  return {
    origin,
    token,
    admin: { id: user.id, username: user.username, password },
    fixtures,
    dataDir,
    readyMs: Math.round(performance.now() - began),
    resetDb: () => state.reset(),
    snapshot: (name) => state.snapshot(name),
    restore: (name) => state.restore(name),
    load: (more) => running.loadMore(more),
    advanceClock: (ms) => advanceClock(ctx, ms),
    mails: ({ count = 0, timeoutMs = 5000 } = {}) => mail.waitFor(count, timeoutMs),
    close,
  };
}

async function boot(dataDir: string, options: TestServerOptions): Promise<Running> {
  // Only what the test server decides: the caller's environment (a developer's MIKAN_* settings)
  // must not leak into a suite's server.
  const base = loadConfig({ PORT: String(options.port ?? 0), MIKAN_DATA_DIR: dataDir, LOG_LEVEL: options.logLevel ?? 'silent' });
  const config = {
    ...base,
    host: '127.0.0.1',
    rateLimit: options.rateLimits ?? false,
    authRateLimit: options.rateLimits ?? false,
    allowPrivateNetwork: true,
    validateResponses: true,
    // Jobs that become due (scheduled notes, poll ends after advancing the clock) run within half a second.
    jobs: { ...base.jobs, pollingSeconds: 0.5, shutdownTimeoutMs: 2000 },
    limits: { ...base.limits, shutdownTimeoutMs: 2000 },
  };
  await prepareDataDir(dataDir);
  const database = await openDatabase({ databaseUrl: null, dataDir, log: () => {}, embedded: { throwaway: true } });
  let ctx: AppContext;
  try {
    ctx = await createContext(config, { database });
  } catch (error) {
    await database.close();
    throw error;
  }
  const mail = new MailCatcher();
  let app: FastifyInstance | null = null;
  try {
    const smtpPort = await mail.listen();
    await ctx.meta.update({ enableEmail: true, email: 'mikan@test-server.invalid', smtpHost: '127.0.0.1', smtpPort, smtpSecure: false, smtpUser: null, smtpPass: null });
    const built = app = await buildServer(ctx);
    const state = new TestState(ctx, async () => {
      mail.clear();
      // Streaming connections hold subscriptions to what is gone: clients reconnect (misskey-js does).
      for (const socket of built.websocketServer?.clients ?? []) socket.close(1012, 'reset');
    });
    await state.init();
    const running: Running = { ctx, app, mail, state, dataDir, loadMore: () => Promise.reject(new Error('the test server is starting')) };
    await app.register(testRoutesPlugin, { prefix: '/api', ctx, state, mail, load: (fixtures: Fixtures) => running.loadMore(fixtures) });
    await app.listen({ port: config.port, host: config.host });
    const { port } = app.server.address() as { port: number };
    Object.assign(ctx.config, { port, url: `http://127.0.0.1:${port}`, hostname: `127.0.0.1:${port}` });
    return running;
  } catch (error) {
    await app?.close().catch(() => {});
    await mail.close();
    await closeContext(ctx);
    throw error;
  }
}

function emptyFixtures(): LoadedFixtures {
  return { users: {}, notes: {}, files: {}, clips: {}, follows: 0 };
}
