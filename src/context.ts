import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type Db } from './db/postgres.js';
import { MemoryCache, type Cache } from './misc/cache.js';
import { MetaService } from './core/meta/service.js';
import { InProcessBus, type EventBus } from './bus/bus.js';
import { Caches } from './core/cache/caches.js';
import { JobQueue } from './jobs/queue.js';
import { JOB_KINDS } from './jobs/registry.js';
import { stopCharts } from './core/charts/recorder.js';
import { RoleService } from './core/roles/service.js';

/** Everything a request handler or core function needs, built once at start and passed down. */
export interface AppContext {
  config: Config;
  db: Db;
  database: Database;
  cache: Cache;
  /** Events for streaming (src/bus/topics.ts); Redis pub/sub when REDIS_URL is set. */
  bus: EventBus;
  meta: MetaService;
  /** Roles and their assignments, in memory, reloaded over `bus` (src/core/roles/service.ts). */
  roles: RoleService;
  /** In-process caches of hot rows (credentials, users, viewers' relations), invalidated over `bus`. */
  caches: Caches;
  log: Logger;
  /** Background jobs (src/jobs): enqueue with `enqueueJob`; the server runs them (`jobs.work`). */
  jobs: JobQueue;
  startedAt: Date;
}

export { createLogger } from './logger.js';

/**
 * `bus` / `cache` replace the defaults (tests give each server its own Redis prefix). Otherwise, with
 * REDIS_URL, events go through Redis pub/sub and the cache lives in Redis (keys and channels under
 * `redisPrefix`, default `mikan`), so several processes behave as one; without it, both stay in memory.
 */
export async function createContext(config: Config, options: { log?: Logger; database?: Database; bus?: EventBus; cache?: Cache; redisPrefix?: string } = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(config);
  const database = options.database ?? await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (message) => log.warn({ source: 'postgres' }, message),
  });
  const meta = new MetaService(database.db);
  await meta.load();
  const prefix = options.redisPrefix ?? config.redisPrefix;
  const onRedisError = (error: unknown) => log.warn({ err: error, source: 'redis' }, 'redis error');
  // ioredis is loaded only by an instance that has Redis.
  const bus = options.bus ?? (config.redisUrl ? new (await import('./bus/redis.js')).RedisBus(config.redisUrl, prefix, onRedisError) : new InProcessBus());
  const cache = options.cache ?? (config.redisUrl ? new (await import('./misc/redis-cache.js')).RedisCache(config.redisUrl, prefix, onRedisError) : new MemoryCache());
  meta.listen(bus, (error) => log.warn({ err: error }, 'instance settings could not be re-read'));
  const roles = new RoleService(database.db);
  roles.listen(bus, (error) => log.warn({ err: error }, 'roles could not be re-read'));
  await roles.load();
  const caches = new Caches();
  caches.subscribe(bus);
  const jobs = new JobQueue(database.connection, JOB_KINDS, config.jobs, log);
  await jobs.start();
  return { config, db: database.db, database, cache, bus, meta, roles, caches, log, jobs, startedAt: new Date() };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await stopCharts(ctx);
  await ctx.jobs.stop();
  await ctx.bus.close();
  await ctx.cache.close();
  await ctx.database.close();
}
