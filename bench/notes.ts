import { mikanStats, start, stop, workersEnv } from './process.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext, type AppContext } from '../src/context.js';
import { createLocalUser } from '../src/core/users/create.js';
import { genId } from '../src/misc/id.js';
import { homeTimeline, localTimeline } from '../src/core/timelines/timelines.js';
import type { AuthUser } from '../src/core/auth/authenticate.js';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

// Mikan runs as in production: the compiled server (dist/), compiled first if src/ changed.
await ensureServerBuild();

/**
 * Notes under load: seeds an instance (1,000 users with a skewed follow graph, 200,000 notes with
 * replies, renotes and reactions), prints the EXPLAIN plans of the home and local timeline queries,
 * then drives notes/create, notes/timeline, notes/local-timeline and notes/show with autocannon.
 * Usage: node --import tsx bench/notes.ts [--users 1000 --notes 200000 --follows 50 --duration 10 --connections 20]
 *   --reuse         keep the instance seeded by the previous run (its tokens are in bench-seed.json)
 *   --only a,b      measure only these endpoints (timeline, local, show, create)
 *   --cpu-prof      write a V8 CPU profile of the server to $TMPDIR/mikan-bench-prof
 *   --server-workers N  run Mikan as N worker processes (MIKAN_WORKERS, over the machine's Redis)
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const USERS = option('users', 1000);
const NOTES = option('notes', 200_000);
const FOLLOWS = option('follows', 50);
const REACTIONS = option('reactions', 100_000);
const duration = option('duration', 10);
const connections = option('connections', 20);
const serverWorkers = option('server-workers', 1);
const flag = (name: string) => args.includes(`--${name}`);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : null;
const PORT = 3211;
const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench-notes');

interface Seeded { tokens: string[]; users: AuthUser[]; sampleNoteIds: string[] }

/** Seeds through SQL in large batches (unnest arrays); returns tokens and a sample of note ids. */
async function seed(ctx: AppContext): Promise<Seeded> {
  const pool = ctx.database.pool;
  const started = Date.now();
  const tokens: string[] = [];
  const users: AuthUser[] = [];
  for (let i = 0; i < USERS; i++) {
    const { user, token } = await createLocalUser(ctx, { username: `bench${i}` });
    tokens.push(token);
    users.push({ id: user.id, username: user.username, host: null, isAdmin: false, isModerator: false, isSuspended: false });
  }
  const usersAt = Date.now();

  // Follows: each user follows FOLLOWS others, popular accounts (low index) more often (a power law).
  const followers: string[] = [];
  const followees: string[] = [];
  const followIds: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(FOLLOWS, USERS - 1)) {
      const j = Math.floor(USERS * Math.random() ** 2);
      if (j !== i) chosen.add(j);
    }
    for (const j of chosen) { followers.push(users[i]!.id); followees.push(users[j]!.id); followIds.push(genId()); }
  }
  await pool.query(`INSERT INTO followings (id, follower_id, followee_id) SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])`, [followIds, followers, followees]);
  await pool.query(`UPDATE users u SET following_count = c.n FROM (SELECT follower_id, count(*) n FROM followings GROUP BY 1) c WHERE c.follower_id = u.id`);
  await pool.query(`UPDATE users u SET followers_count = c.n FROM (SELECT followee_id, count(*) n FROM followings GROUP BY 1) c WHERE c.followee_id = u.id`);
  const followsAt = Date.now();

  // Notes over the last 30 days, in id order: 10% replies, 5% pure renotes, 5% home, 3% followers.
  const span = 30 * 24 * 3600 * 1000;
  const start = Date.now() - span;
  const noteIds: string[] = [];
  const noteUsers: string[] = [];
  const publicNoteIds: string[] = [];
  const BATCH = 10_000;
  for (let offset = 0; offset < NOTES; offset += BATCH) {
    const cols = { id: [] as string[], at: [] as string[], user: [] as string[], text: [] as (string | null)[], vis: [] as string[], reply: [] as (string | null)[], replyUser: [] as (string | null)[], renote: [] as (string | null)[], renoteUser: [] as (string | null)[], thread: [] as string[] };
    for (let k = offset; k < Math.min(NOTES, offset + BATCH); k++) {
      const time = start + Math.floor((span * k) / NOTES);
      const id = genId(time);
      const author = users[Math.floor(USERS * Math.random() ** 1.5)]!;
      const roll = Math.random();
      const target = noteIds.length > 0 ? Math.max(0, noteIds.length - 1 - Math.floor(Math.random() * 2000)) : -1;
      const isReply = target >= 0 && roll < 0.10;
      const isRenote = target >= 0 && roll >= 0.10 && roll < 0.15;
      cols.id.push(id);
      cols.at.push(new Date(time).toISOString());
      cols.user.push(author.id);
      cols.text.push(isRenote ? null : `note ${k} #bench${k % 50} lorem ipsum dolor sit amet`);
      cols.vis.push(roll > 0.97 ? 'followers' : roll > 0.92 ? 'home' : 'public');
      cols.reply.push(isReply ? noteIds[target]! : null);
      cols.replyUser.push(isReply ? noteUsers[target]! : null);
      cols.renote.push(isRenote ? noteIds[target]! : null);
      cols.renoteUser.push(isRenote ? noteUsers[target]! : null);
      cols.thread.push(isReply ? noteIds[target]! : id);
      noteIds.push(id);
      if (cols.vis[cols.vis.length - 1] === 'public') publicNoteIds.push(id);
      noteUsers.push(author.id);
    }
    await pool.query(`
      INSERT INTO notes (id, created_at, user_id, text, visibility, reply_id, reply_user_id, renote_id, renote_user_id, thread_id)
      SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[])`,
    [cols.id, cols.at, cols.user, cols.text, cols.vis, cols.reply, cols.replyUser, cols.renote, cols.renoteUser, cols.thread]);
  }
  await pool.query(`UPDATE users u SET notes_count = c.n FROM (SELECT user_id, count(*) n FROM notes GROUP BY 1) c WHERE c.user_id = u.id`);
  await pool.query(`UPDATE notes n SET replies_count = c.n FROM (SELECT reply_id, count(*) n FROM notes WHERE reply_id IS NOT NULL GROUP BY 1) c WHERE c.reply_id = n.id`);
  await pool.query(`UPDATE notes n SET renote_count = c.n FROM (SELECT renote_id, count(DISTINCT user_id) n FROM notes WHERE renote_id IS NOT NULL GROUP BY 1) c WHERE c.renote_id = n.id`);
  const notesAt = Date.now();

  // Reactions on recent notes, then the per-note counts.
  const reactionNotes: string[] = [];
  const reactionUsers: string[] = [];
  const reactionIds: string[] = [];
  const reactionTypes: string[] = [];
  const emoji = ['👍', '❤', '🎉', '😆'];
  for (let r = 0; r < REACTIONS; r++) {
    reactionNotes.push(noteIds[noteIds.length - 1 - Math.floor(Math.random() * Math.min(noteIds.length, 50_000))]!);
    reactionUsers.push(users[Math.floor(Math.random() * USERS)]!.id);
    reactionIds.push(genId());
    reactionTypes.push(emoji[r % emoji.length]!);
  }
  await pool.query(`
    INSERT INTO note_reactions (id, note_id, user_id, reaction)
    SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) ON CONFLICT DO NOTHING`,
  [reactionIds, reactionNotes, reactionUsers, reactionTypes]);
  await pool.query(`
    UPDATE notes n SET reactions = c.r FROM (
      SELECT note_id, jsonb_object_agg(reaction, n) r FROM (SELECT note_id, reaction, count(*) n FROM note_reactions GROUP BY 1, 2) x GROUP BY 1
    ) c WHERE c.note_id = n.id`);
  await pool.query('ANALYZE');
  const done = Date.now();
  console.log(`seeded: ${USERS} users ${((usersAt - started) / 1000).toFixed(1)} s, ${followIds.length} follows ${((followsAt - usersAt) / 1000).toFixed(1)} s, ` +
    `${NOTES} notes ${((notesAt - followsAt) / 1000).toFixed(1)} s, ${REACTIONS} reactions ${((done - notesAt) / 1000).toFixed(1)} s; total ${((done - started) / 1000).toFixed(1)} s`);
  // Public notes, so every viewer may read them (others answer NO_SUCH_NOTE to most viewers).
  const sampleNoteIds = Array.from({ length: 1000 }, () => publicNoteIds[Math.floor(Math.random() * publicNoteIds.length)]!);
  return { tokens, users, sampleNoteIds };
}

/** The SQL a timeline function sends, run under EXPLAIN (ANALYZE, BUFFERS). */
async function explain(ctx: AppContext, label: string, run: () => Promise<unknown>): Promise<void> {
  // Timelines are prepared statements, sent on the generic-plan pool (src/db/prepared.ts).
  const pool = ctx.database.preparedPool;
  const original = pool.query.bind(pool);
  let captured: { text: string; values: unknown[] } | null = null;
  (pool as any).query = (config: any, values?: unknown[]) => {
    if (!captured) captured = typeof config === 'string' ? { text: config, values: values ?? [] } : { text: config.text, values: config.values ?? values ?? [] };
    return original(config, values as any);
  };
  try { await run(); } finally { (pool as any).query = original; }
  const { text, values } = captured!;
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values);
  console.log(`\n### ${label}\n\n\`\`\`sql\n${text}\n\`\`\`\n\n\`\`\`\n${rows.map((r: any) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
}

interface Row { target: string; rps: number; p50: number; p99: number; cpuMsPerRequest: number }

/** `body` builds one request's params for the user whose token it is given. */
async function measure(target: string, endpoint: string, body: (token: string) => Record<string, unknown>): Promise<Row> {
  let pickToken = randomToken;
  const options = {
    url: `http://127.0.0.1:${PORT}/api/${endpoint}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    connections,
    pipelining: 1,
    requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(body(pickToken())) }) }],
  };
  // Warm: every user has been active (credential, relations and authors cached, activity written),
  // as on a server in use; the measured run is the steady state, not the first minute after a start.
  let next = 0;
  pickToken = () => seeded.tokens[next++ % seeded.tokens.length]!;
  await autocannon({ ...options, amount: seeded.tokens.length * 2 });
  pickToken = randomToken;
  // Mikan's own CPU (its process and workers; PostgreSQL apart) over the measured run.
  const cpuBefore = mikanStats(mikan.pid!).cpu;
  const result = await autocannon({ ...options, duration });
  const cpuMsPerRequest = ((mikanStats(mikan.pid!).cpu - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { target, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerRequest };
}

const seedFile = path.join(dataDir, 'bench-seed.json');
const randomToken = () => seeded.tokens[Math.floor(Math.random() * seeded.tokens.length)]!;
let seeded: Seeded;
if (flag('reuse') && fs.existsSync(seedFile)) {
  seeded = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Seeded;
  console.log(`reusing the instance seeded in ${dataDir}`);
} else {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const ctx = await createContext(config);
  seeded = await seed(ctx);
  fs.writeFileSync(seedFile, JSON.stringify(seeded));
  const viewer = seeded.users[Math.floor(USERS / 2)]!;
  await explain(ctx, 'Home timeline (notes/timeline, limit 10)', () => homeTimeline(ctx, viewer, { limit: 10 }));
  await explain(ctx, 'Local timeline (notes/local-timeline, limit 10, signed in)', () => localTimeline(ctx, viewer, { limit: 10 }));
  await closeContext(ctx);
}

const profileDir = path.join(os.tmpdir(), 'mikan-bench-prof');
// BENCH_NODE_FLAGS: more flags for the server's node (`--trace-gc`, `--max-semi-space-size=…`).
const nodeFlags = [...(flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
const mikan = await start([...nodeFlags, 'dist/main.js', 'start'], {
  PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: dataDir,
  ...workersEnv(serverWorkers),
}, 'Mikan listening');
try {
  const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(' ');
  const rows: Row[] = [];
  const wanted = (name: string) => !only || only.has(name);
  if (wanted('timeline')) rows.push(await measure('notes/timeline (home, 10 notes)', 'notes/timeline', (i) => ({ i, limit: 10 })));
  if (wanted('local')) rows.push(await measure('notes/local-timeline (10 notes, signed in)', 'notes/local-timeline', (i) => ({ i, limit: 10 })));
  if (wanted('show')) rows.push(await measure('notes/show', 'notes/show', (i) => ({ i, noteId: seeded.sampleNoteIds[Math.floor(Math.random() * seeded.sampleNoteIds.length)] })));
  if (wanted('create')) rows.push(await measure('notes/create', 'notes/create', (i) => ({ i, text: `bench note #bench ${Math.random()}` })));
  console.log(`\n${os.cpus().length} cores, ${serverWorkers} Mikan process(es), ${connections} connections, ${duration} s per target, Node ${process.version}, ${seeded.tokens.length} users${flag("reuse") ? " (reused instance)" : `, ${NOTES} notes`}`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}\n`);
  console.log('| endpoint | requests/s | p50 ms | p99 ms | Mikan CPU ms/request |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.target} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.cpuMsPerRequest.toFixed(2)} |`);
} finally {
  await stop(mikan);
}
