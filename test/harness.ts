import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { api } from 'misskey-js';
import { loadConfig, type Config } from '../src/config.js';
import { closeContext, createContext, type AppContext } from '../src/context.js';
import { connect, type Database } from '../src/db/postgres.js';
import { buildServer } from '../src/server.js';
import { createLocalUser, type NewLocalUser } from '../src/core/users/create.js';
import { createAccessToken } from '../src/core/auth/tokens.js';
import type { Permission } from '../src/api/permissions.js';
import type { NamedEndpoint } from '../src/api/define.js';
import { withDatabase } from './database.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, the text otherwise, null when empty. */
  body: any;
  text: string;
}

export interface TestServer {
  /** Where the test reaches the server (always loopback). */
  url: string;
  /** The origin the server calls itself by (`url` unless started with `publicHost`). */
  publicUrl: string;
  /** The server's database; pass it as `options.database` to start a second process on the same data. */
  databaseName: string;
  ctx: AppContext;
  app: FastifyInstance;
  /** A misskey-js client, anonymous or with a token: the way real apps talk to Mikan. */
  client(token?: string | null): api.APIClient;
  /** A raw HTTP call, for what misskey-js cannot express (headers, methods, malformed bodies). */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<RawResponse>;
  /** A local user with its native token. */
  createUser(input?: Partial<NewLocalUser>): Promise<{ id: string; username: string; token: string }>;
  /** A third-party token for a user, with exactly these permissions. */
  createAppToken(userId: string, permissions: Permission[]): Promise<string>;
  /** A file into the token's drive through `drive/files/create` (multipart, as clients send it); other form fields in `fields`. */
  upload(token: string, name: string, body: Uint8Array, options?: { type?: string; fields?: Record<string, string> }): Promise<{ id: string; url: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

/** A real Mikan on a random port, over a fresh copy of the migrated template database. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: { extraEndpoints?: NamedEndpoint[]; database?: string; redisPrefix?: string; publicHost?: string } = {},
): Promise<TestServer> {
  const { connection, template } = inject('postgres');
  // `database`: share another test server's database (two Mikan processes on one PostgreSQL); its owner drops it.
  const shared = options.database !== undefined;
  const name = options.database ?? `${template}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(connection);
  await admin.connect();
  if (!shared) await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);

  const pools = connect(withDatabase(connection, name), 10);
  const database: Database = {
    ...pools,
    connection: withDatabase(connection, name),
    embedded: false,
    async close() {
      await pools.end();
      if (!shared) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };

  const base = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  // Jobs that become due are picked up within half a second (the fastest pg-boss polls).
  base.jobs = { ...base.jobs, pollingSeconds: 0.5, shutdownTimeoutMs: 2000 };
  const config = { ...base, host: '127.0.0.1', ...overrides };
  const ctx = await createContext(config, { database, redisPrefix: options.redisPrefix });
  const app = await buildServer(ctx, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // The public origin is only known once listening; entities built from it must name the real one.
  // `publicHost`: the instance calls itself by this name (federation tests map it to loopback with
  // MIKAN_FEDERATION_HOST_MAP); the test still reaches it at 127.0.0.1.
  const publicOrigin = options.publicHost ? `http://${options.publicHost}:${port}` : url;
  Object.assign(ctx.config, { port, url: publicOrigin, hostname: new URL(publicOrigin).host });

  return {
    url,
    publicUrl: publicOrigin,
    databaseName: name,
    ctx,
    app,
    client: (token) => new api.APIClient({ origin: url, credential: token ?? null }),
    async fetch(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      let body = rest.body;
      if (json !== undefined) {
        body = JSON.stringify(json);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
      const response = await fetch(url + path, { method: 'POST', ...rest, headers, body });
      const text = await response.text();
      let parsed: unknown = text === '' ? null : text;
      if (text !== '' && response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async createUser(input = {}) {
      const username = input.username ?? `user${process.pid}x${++userCounter}`;
      const { user, token } = await createLocalUser(ctx, { ...input, username });
      return { id: user.id, username: user.username, token };
    },
    async createAppToken(userId, permissions) {
      return (await createAccessToken(ctx, { userId, permissions, name: 'test app' })).token;
    },
    async upload(token, name, body, { type = 'image/png', fields = {} } = {}) {
      const form = new FormData();
      form.append('i', token);
      form.append('file', new Blob([new Uint8Array(body)], { type }), name);
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      const response = await fetch(`${url}/api/drive/files/create`, { method: 'POST', body: form });
      if (response.status !== 200) throw new Error(`upload of ${name}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<{ id: string; url: string }>;
    },
    async close() {
      await app.close();
      await closeContext(ctx);
    },
  };
}

/** Counts the queries a server sends on both of its pools (general and prepared statements) while spying. */
export function spyOnQueries(ctx: AppContext): { count(): number; restore(): void } {
  const spies = [vi.spyOn(ctx.database.pool, 'query'), vi.spyOn(ctx.database.preparedPool, 'query')];
  return {
    count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    restore: () => { for (const spy of spies) spy.mockRestore(); },
  };
}
