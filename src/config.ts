import os from 'node:os';
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
  /** Key and channel prefix in Redis, so several instances can share one server. */
  redisPrefix: string;
  /** Guards first-run setup (`admin/accounts/create` while no user exists). */
  setupPassword: string | null;
  /** `MIKAN_RATE_LIMIT=off` disables per-endpoint rate limits; for load tests only. */
  rateLimit: boolean;
  /** Per-IP limits on sign-in and sign-up (brute force protection); independent of `rateLimit`. */
  authRateLimit: boolean;
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
  /**
   * `MIKAN_DEEPL_API_URL`: where notes/translate calls DeepL's `/v2/translate` (default: DeepL's own
   * free or Pro API, by `deeplIsPro`). For a proxy or a test double.
   */
  deeplApiUrl: string | null;
  /**
   * `MIKAN_FEDERATION_HOST_MAP=a.test=127.0.0.1,b.test=127.0.0.1`: host names that federation fetches
   * and deliveries resolve to these addresses instead of asking DNS, and speak plain http to. For
   * tests and development only (several instances on one machine); empty by default.
   */
  federationHostMap: Record<string, string>;
  /** Drive blobs in an S3-compatible object store instead of `dataDir/files` (MIKAN_S3_*). */
  s3: S3Config | null;
  /** Hard cap on one uploaded file in bytes, whatever the role policy says (MIKAN_MAX_UPLOAD_MB). */
  maxUploadBytes: number | null;
  /** Background jobs (src/jobs): how many of one kind a process runs at once, and their timings. */
  jobs: JobsConfig;
  /**
   * Server processes sharing the port (MIKAN_WORKERS: a number, or `auto` for one per core; default 1).
   * More than one needs REDIS_URL: workers share events, rate limits and caches through it.
   */
  workers: number;
  /**
   * The software NodeInfo names (MIKAN_NODEINFO_SOFTWARE): `misskey` (default), so clients that pick
   * their API by NodeInfo's `software.name` speak Misskey to Mikan; `mikan` to name Mikan itself.
   */
  nodeinfoSoftware: 'misskey' | 'mikan';
  /** Connection limits against clients that hold connections open (README, docs/reliability.md). */
  limits: ConnectionLimits;
  /**
   * An antenna not used (opened, created or edited) for this long stops collecting notes until it is
   * opened again (MIKAN_DEACTIVATE_ANTENNA_THRESHOLD_MS, Misskey's `deactivateAntennaThreshold`:
   * 7 days; 0 never).
   */
  deactivateAntennaThresholdMs: number;
}

export interface JobsConfig {
  /** Jobs of one kind one process runs at once (MIKAN_JOB_CONCURRENCY, default 4). */
  concurrency: number;
  /** How often an idle worker looks for jobs that became due (MIKAN_JOB_POLL_SECONDS, default 2). */
  pollingSeconds: number;
  /** A job whose process stopped proving it is alive for this long runs again (MIKAN_JOB_HEARTBEAT_SECONDS, default 30, at least 10). */
  heartbeatSeconds: number;
  /** How often each process looks for such jobs (MIKAN_JOB_SUPERVISE_SECONDS, default 15). */
  superviseSeconds: number;
  /** At shutdown, running jobs get this long to finish before they go back to the queue (MIKAN_JOB_SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
}

export interface ConnectionLimits {
  /** A request's headers must arrive within this (MIKAN_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (MIKAN_REQUEST_TIMEOUT_MS); 0: no limit. */
  requestTimeoutMs: number;
  /** A connection with a request under way that sends and receives nothing for this long is closed (MIKAN_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (MIKAN_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Open connections one client address may hold (MIKAN_MAX_CONNECTIONS_PER_IP); 0: no cap. */
  maxConnectionsPerIp: number;
  /** On SIGTERM/SIGINT, connections still open after this are closed (MIKAN_SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
}

export interface S3Config {
  bucket: string;
  /** Custom endpoint (MinIO, R2, ...); null for AWS. */
  endpoint: string | null;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Key prefix inside the bucket, without slashes at the ends ('' for none). */
  prefix: string;
  forcePathStyle: boolean;
  /** Where the bucket is publicly readable; files are then linked there. Null: Mikan serves them. */
  publicUrl: string | null;
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

function parseHostMap(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [name, address] = entry.split('=');
    if (!name || !address) throw new ConfigError(`MIKAN_FEDERATION_HOST_MAP entries are name=address, got "${entry}"`);
    map[name.toLowerCase()] = address;
  }
  return map;
}

function parseS3(env: NodeJS.ProcessEnv): S3Config | null {
  if (!env.MIKAN_S3_BUCKET) return null;
  return {
    bucket: env.MIKAN_S3_BUCKET,
    endpoint: env.MIKAN_S3_ENDPOINT ? parseUrl(env.MIKAN_S3_ENDPOINT, 'MIKAN_S3_ENDPOINT').href.replace(/\/$/, '') : null,
    region: env.MIKAN_S3_REGION || 'us-east-1',
    accessKeyId: env.MIKAN_S3_ACCESS_KEY_ID || null,
    secretAccessKey: env.MIKAN_S3_SECRET_ACCESS_KEY || null,
    prefix: (env.MIKAN_S3_PREFIX || '').replace(/^\/+|\/+$/g, ''),
    forcePathStyle: flag(env.MIKAN_S3_FORCE_PATH_STYLE, Boolean(env.MIKAN_S3_ENDPOINT)),
    publicUrl: env.MIKAN_S3_PUBLIC_URL ? parseUrl(env.MIKAN_S3_PUBLIC_URL, 'MIKAN_S3_PUBLIC_URL').href.replace(/\/$/, '') : null,
  };
}

function parseMaxUpload(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new ConfigError(`MIKAN_MAX_UPLOAD_MB must be a positive number, got "${value}"`);
  return Math.floor(mb * 1024 * 1024);
}

function parseNumber(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) throw new ConfigError(`${name} must be a number from ${min} to ${max}, got "${value}"`);
  return number;
}

function parseInteger(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  const number = parseNumber(value, name, fallback, min, max);
  if (!Number.isInteger(number)) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return number;
}

function parseCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${value}"`);
  return number;
}

function parseLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const limits: ConnectionLimits = {
    headersTimeoutMs: parseCount(env, 'MIKAN_HEADERS_TIMEOUT_MS', 20_000, 1),
    // A 30 MB upload (the default role policy) over 1 Mbit/s takes about four minutes.
    requestTimeoutMs: parseCount(env, 'MIKAN_REQUEST_TIMEOUT_MS', 300_000, 0),
    idleTimeoutMs: parseCount(env, 'MIKAN_IDLE_TIMEOUT_MS', 30_000, 1),
    // Above the 60 s idle timeout of common load balancers, so they close first and never reuse a closed socket.
    keepAliveTimeoutMs: parseCount(env, 'MIKAN_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1),
    maxConnectionsPerIp: parseCount(env, 'MIKAN_MAX_CONNECTIONS_PER_IP', 256, 0),
    shutdownTimeoutMs: parseCount(env, 'MIKAN_SHUTDOWN_TIMEOUT_MS', 10_000, 1),
  };
  if (limits.requestTimeoutMs > 0 && limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new ConfigError('MIKAN_REQUEST_TIMEOUT_MS must be 0 or at least MIKAN_HEADERS_TIMEOUT_MS (the headers are part of the request)');
  }
  return limits;
}

const MAX_WORKERS = 64;

function parseWorkers(value: string | undefined, redisUrl: string | null): number {
  if (value === undefined || value === '') return 1;
  const workers = value === 'auto' ? os.availableParallelism() : Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError(`MIKAN_WORKERS must be auto or an integer 1-${MAX_WORKERS}, got "${value}"`);
  }
  if (workers > 1 && !redisUrl) {
    throw new ConfigError(`MIKAN_WORKERS=${value} needs REDIS_URL: worker processes share streaming events, rate limits and caches through Redis`);
  }
  return workers;
}

function parseNodeinfoSoftware(value: string | undefined): Config['nodeinfoSoftware'] {
  if (value === undefined || value === '' || value === 'misskey') return 'misskey';
  if (value === 'mikan') return 'mikan';
  throw new ConfigError(`MIKAN_NODEINFO_SOFTWARE must be misskey or mikan, got "${value}"`);
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
    redisPrefix: env.MIKAN_REDIS_PREFIX || 'mikan',
    setupPassword: env.MIKAN_SETUP_PASSWORD || null,
    rateLimit: flag(env.MIKAN_RATE_LIMIT, true),
    authRateLimit: flag(env.MIKAN_AUTH_RATE_LIMIT, true),
    validateResponses: flag(env.MIKAN_VALIDATE_RESPONSES, env.NODE_ENV === 'test'),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: 1024 * 1024,
    allowPrivateNetwork: flag(env.MIKAN_ALLOW_PRIVATE_NETWORK, false),
    deeplApiUrl: env.MIKAN_DEEPL_API_URL || null,
    federationHostMap: parseHostMap(env.MIKAN_FEDERATION_HOST_MAP),
    s3: parseS3(env),
    maxUploadBytes: parseMaxUpload(env.MIKAN_MAX_UPLOAD_MB),
    jobs: {
      concurrency: parseInteger(env.MIKAN_JOB_CONCURRENCY, 'MIKAN_JOB_CONCURRENCY', 4, 1, 100),
      pollingSeconds: parseNumber(env.MIKAN_JOB_POLL_SECONDS, 'MIKAN_JOB_POLL_SECONDS', 2, 0.5, 3600),
      heartbeatSeconds: parseInteger(env.MIKAN_JOB_HEARTBEAT_SECONDS, 'MIKAN_JOB_HEARTBEAT_SECONDS', 30, 10, 3600),
      superviseSeconds: parseInteger(env.MIKAN_JOB_SUPERVISE_SECONDS, 'MIKAN_JOB_SUPERVISE_SECONDS', 15, 1, 3600),
      shutdownTimeoutMs: parseInteger(env.MIKAN_JOB_SHUTDOWN_TIMEOUT_MS, 'MIKAN_JOB_SHUTDOWN_TIMEOUT_MS', 10_000, 1000, 3_600_000),
    },
    workers: parseWorkers(env.MIKAN_WORKERS, env.REDIS_URL || null),
    nodeinfoSoftware: parseNodeinfoSoftware(env.MIKAN_NODEINFO_SOFTWARE),
    limits: parseLimits(env),
    deactivateAntennaThresholdMs: parseInteger(env.MIKAN_DEACTIVATE_ANTENNA_THRESHOLD_MS, 'MIKAN_DEACTIVATE_ANTENNA_THRESHOLD_MS', 7 * 24 * 3_600_000, 0, Number.MAX_SAFE_INTEGER),
  };
}
