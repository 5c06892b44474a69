// Types of the package's library entry (dist/test-mode.js, built from src/test-mode/index.ts).
// test/test-mode/types.test.ts checks them against the sources.

export interface TestServerOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Per-endpoint and sign-in rate limits (default off). */
  rateLimits?: boolean;
  /** pino level for the server's log (default `silent`). */
  logLevel?: string;
  /** Fixtures loaded after start and included in the `reset-db` state. */
  fixtures?: Fixtures;
}

export interface Fixtures {
  users?: Record<string, { name?: string; password?: string; isAdmin?: boolean; isModerator?: boolean; email?: string }>;
  /** `[follower, followee]` pairs of user names. */
  follows?: [string, string][];
  /** Files in a user's drive: `content` is text, or `base64` bytes. */
  files?: Record<string, { user: string; name: string; content?: string; base64?: string; type?: string }>;
  /** Notes: any `notes/create` parameter, with `replyTo`/`renote` naming earlier notes and `files` naming files. */
  notes?: Record<string, { user: string; replyTo?: string; renote?: string; files?: string[]; [param: string]: unknown }>;
  /** Clips with named notes in them. */
  clips?: Record<string, { user: string; name?: string; description?: string; isPublic?: boolean; notes?: string[] }>;
}

export interface LoadedFixtures {
  users: Record<string, { id: string; username: string; token: string }>;
  notes: Record<string, { id: string }>;
  files: Record<string, { id: string; url: string }>;
  clips: Record<string, { id: string }>;
  follows: number;
}

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  date: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The administrator's token (username `admin`). */
  token: string;
  admin: { id: string; username: string; password: string };
  fixtures: LoadedFixtures;
  /** The throwaway data directory; removed by `close`. */
  dataDir: string;
  /** Milliseconds from the call to a server ready for requests. */
  readyMs: number;
  /** `POST /api/reset-db`: back to the state right after start (administrator, `options.fixtures`). */
  resetDb(): Promise<void>;
  snapshot(name: string): Promise<void>;
  restore(name: string): Promise<void>;
  load(fixtures: Fixtures): Promise<LoadedFixtures>;
  /** Moves the server's clock forward and waits until the jobs that became due have run. */
  advanceClock(ms: number): Promise<{ now: string; offsetMs: number }>;
  mails(options?: { count?: number; timeoutMs?: number }): Promise<CapturedMail[]>;
  /** Stops the server and removes its data directory. */
  close(): Promise<void>;
}

/** Starts a throwaway Mikan (docs/test-server.md). */
export function startTestServer(options?: TestServerOptions): Promise<TestServer>;

/** Reads fixtures from a .json, .yaml or .yml file. */
export function readFixtureFile(file: string): Fixtures;
