import path from 'node:path';

/** Everything Mikan reads from its environment, parsed once at start. Documented in README.md. */
export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Interface to bind; loopback-only by default would surprise people behind a reverse proxy. */
  host: string;
  /** Public origin, e.g. https://mikan.example; no trailing slash. */
  url: string;
  /** Host name part of `url`, used as the instance's host in entities. */
  hostname: string;
  /** Where Mikan keeps its embedded PostgreSQL and files. */
  dataDir: string;
  /** External PostgreSQL; when unset, Mikan starts its embedded one. */
  databaseUrl: string | null;
  /** Redis for pub/sub, rate limits and shared caches across processes (used from a later issue). */
  redisUrl: string | null;
  /** Guards first-run setup (`admin/accounts/create` while no user exists). */
  setupPassword: string | null;
  /** `MIKAN_RATE_LIMIT=off` disables per-endpoint rate limits; for load tests only. */
  rateLimit: boolean;
  /** Check every API response against its declared schema (on in tests; off in production). */
  validateResponses: boolean;
  logLevel: string;
  /** Maximum JSON request body in bytes (Misskey: 1 MiB). */
  bodyLimit: number;
  /**
   * `MIKAN_ALLOW_PRIVATE_NETWORK=on` lets server-side fetches (OAuth client_id pages) reach loopback,
   * private and link-local addresses. Off by default: those fetches are an SSRF risk. For development
   * and tests, where the app runs on the same machine.
   */
  allowPrivateNetwork: boolean;
}

export class ConfigError extends Error {}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer 0-65535, got "${value}"`);
  return port;
}

function parseUrl(value: string, name: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url;
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'off', 'no'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT, 3000);
  const url = parseUrl(env.MIKAN_URL || `http://localhost:${port}`, 'MIKAN_URL');
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    url: url.origin,
    hostname: url.host,
    dataDir: path.resolve(env.MIKAN_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    setupPassword: env.MIKAN_SETUP_PASSWORD || null,
    rateLimit: flag(env.MIKAN_RATE_LIMIT, true),
    validateResponses: flag(env.MIKAN_VALIDATE_RESPONSES, env.NODE_ENV === 'test'),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: 1024 * 1024,
    allowPrivateNetwork: flag(env.MIKAN_ALLOW_PRIVATE_NETWORK, false),
  };
}
