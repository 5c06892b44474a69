import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Database, type Db } from './db/postgres.js';
import { MemoryCache, type Cache } from './misc/cache.js';
import { MetaService } from './core/meta/service.js';
import { InProcessBus, type EventBus } from './bus/bus.js';

/** Everything a request handler or core function needs, built once at start and passed down. */
export interface AppContext {
  config: Config;
  db: Db;
  database: Database;
  cache: Cache;
  /** Events for streaming (src/bus/topics.ts); Redis pub/sub when REDIS_URL is set. */
  bus: EventBus;
  meta: MetaService;
  log: Logger;
  startedAt: Date;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: undefined });
}

export async function createContext(config: Config, options: { log?: Logger; database?: Database } = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(config);
  const database = options.database ?? await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (message) => log.warn({ source: 'postgres' }, message),
  });
  const meta = new MetaService(database.db);
  await meta.load();
  return { config, db: database.db, database, cache: new MemoryCache(), bus: new InProcessBus(), meta, log, startedAt: new Date() };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.bus.close();
  await ctx.cache.close();
  await ctx.database.close();
}
