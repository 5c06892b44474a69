import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';
import { from as copyFrom } from 'pg-copy-streams';
import { mikanStats, start, stop } from './process.js';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext, type AppContext } from '../src/context.js';
import { createLocalUser } from '../src/core/users/create.js';
import { issueNativeToken } from '../src/core/auth/native-token.js';
import { genId } from '../src/misc/id.js';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

await ensureServerBuild();

/**
 * Mikan at a million notes: seeds an instance in bulk with COPY (10,000 users with a skewed follow
 * graph, 1,000,000 notes over a year with replies, renotes, files and reactions), then measures
 * with autocannon, each target with the server's CPU per request:
 *   - the home timeline of heavy followers (3,000 follows each) and sparse ones (3 quiet accounts),
 *   - notes/show, users/notes, notes/search,
 *   - notes/create by an account with 5,000 followers and by one with few,
 *   - streaming delivery of the popular account's notes to its followers' `homeTimeline`.
 *
 *   node_modules/.bin/node --import tsx bench/scale.ts [--users 10000 --notes 1000000 --duration 10 --connections 4]
 *   --reuse         keep the instance seeded by the previous run (tokens in bench-seed.json)
 *   --only a,b      measure only these (heavy, sparse, show, user-notes, search, create-popular, create, streaming)
 *   --clients N     WebSocket clients for the streaming figure (default 1000, all followers of the popular account)
 *
 * Latency percentiles come from a few connections (`--connections`, default 4): the load generator
 * shares the two cores, and with many connections p99 measures its queue, not the server.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const flag = (name: string) => args.includes(`--${name}`);
const USERS = option('users', 10_000);
const NOTES = option('notes', 1_000_000);
const REACTIONS = option('reactions', 1_000_000);
const duration = option('duration', 10);
const connections = option('connections', 4);
const clientCount = option('clients', 1000);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
const PORT = 3212;
const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench-scale');
const HEAVY = 10;
const SPARSE = 10;
const QUIET = 100;
const POPULAR_FOLLOWERS = 5000;

interface Seeded {
  heavy: string[];
  sparse: string[];
  popular: string;
  ordinary: string;
  followerTokens: string[];
  userIds: string[];
  sampleNoteIds: string[];
  words: string[];
}

/** A deterministic generator, so two seedings with the same sizes give the same instance. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(28);

/** COPY rows (arrays of column values; null is NULL) into `table (columns)`. */
async function copyRows(ctx: AppContext, table: string, columns: string[], rows: Iterable<(string | number | boolean | null)[]>): Promise<void> {
  const client = await ctx.database.pool.connect();
  try {
    const escape = (v: string | number | boolean | null) => v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
    function* lines() {
      let chunk = '';
      for (const row of rows) {
        chunk += row.map(escape).join('\t') + '\n';
        if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  } finally {
    client.release();
  }
}

const WORDS = ['orange', 'mikan', 'sunrise', 'coffee', 'train', 'rain', 'misskey', 'garden', 'piano', 'ramen', 'cat', 'river', 'winter', 'festival', 'library', 'bicycle', 'harbor', 'lantern', 'meadow', 'summit'];

async function seed(ctx: AppContext): Promise<Seeded> {
  const timings: string[] = [];
  let mark = Date.now();
  const lap = (label: string) => { const now = Date.now(); timings.push(`${label} ${((now - mark) / 1000).toFixed(1)} s`); mark = now; };

  // The accounts the benchmark signs in as, through the normal path (tokens), then the rest by COPY.
  const heavy: string[] = [];
  const sparse: string[] = [];
  const tokens = new Map<string, string>();
  const withToken = async (username: string) => {
    const { user, token } = await createLocalUser(ctx, { username });
    tokens.set(user.id, token);
    return user.id;
  };
  for (let i = 0; i < HEAVY; i++) heavy.push(await withToken(`heavy${i}`));
  for (let i = 0; i < SPARSE; i++) sparse.push(await withToken(`sparse${i}`));
  const popular = await withToken('popular');
  const ordinary = await withToken('ordinary');
  const userIds: string[] = [];
  const yearMs = 365 * 24 * 3600 * 1000;
  const since = Date.now() - yearMs;
  const bulk = USERS - HEAVY - SPARSE - 2;
  const userRows: (string | null)[][] = [];
  for (let i = 0; i < bulk; i++) {
    const id = genId(since + Math.floor((i / bulk) * yearMs * 0.2));
    userIds.push(id);
    userRows.push([id, `user${i}`, `user${i}`, new Date(since).toISOString()]);
  }
  await copyRows(ctx, 'users', ['id', 'username', 'username_lower', 'created_at'], userRows);
  await copyRows(ctx, 'user_profiles', ['user_id'], userIds.map((id) => [id]));
  await copyRows(ctx, 'used_usernames', ['username_lower'], userRows.map((r) => [r[1]!]));
  lap(`${USERS} users`);

  // Who posts: a power law over the bulk users (index 0 posts most); the last QUIET users are quiet
  // accounts with a few notes a year, the ones the sparse followers follow.
  const quiet = userIds.slice(-QUIET);
  const active = userIds.slice(0, -QUIET);
  const pickActive = () => active[Math.floor(active.length * random() ** 2.5)]!;

  // Follows: bulk users follow 5–200 accounts, popular ones more often; heavy followers 3,000; sparse
  // followers 3 quiet accounts; the popular account gets POPULAR_FOLLOWERS followers.
  const pairs = new Set<string>();
  const follows: string[][] = [];
  const follow = (a: string, b: string) => {
    const key = a + b;
    if (a === b || pairs.has(key)) return;
    pairs.add(key);
    follows.push([genId(), a, b]);
  };
  for (const id of userIds) {
    const count = Math.floor(5 + 195 * random() ** 3);
    for (let k = 0; k < count; k++) follow(id, pickActive());
  }
  for (const id of heavy) {
    const before = follows.length;
    while (follows.length - before < Math.min(3000, active.length >> 1)) follow(id, active[Math.floor(random() * active.length)]!);
  }
  for (let i = 0; i < SPARSE; i++) for (let k = 0; k < 3; k++) follow(sparse[i]!, quiet[(i * 3 + k) % QUIET]!);
  const popularFollowers: string[] = [];
  for (let i = 0; i < Math.min(POPULAR_FOLLOWERS, userIds.length); i++) { const id = userIds[i]!; follow(id, popular); popularFollowers.push(id); }
  follow(ordinary, popular);
  for (let k = 0; k < 20; k++) follow(userIds[k * 7]!, ordinary);
  await copyRows(ctx, 'followings', ['id', 'follower_id', 'followee_id'], follows);
  await ctx.database.pool.query(`UPDATE users u SET following_count = c.n FROM (SELECT follower_id, count(*) n FROM followings GROUP BY 1) c WHERE c.follower_id = u.id`);
  await ctx.database.pool.query(`UPDATE users u SET followers_count = c.n FROM (SELECT followee_id, count(*) n FROM followings GROUP BY 1) c WHERE c.followee_id = u.id`);
  lap(`${follows.length} follows`);

  // Files for 5% of the notes (rows only: nothing is served in this benchmark).
  const fileIds: string[] = [];
  const fileOwner = new Map<string, string>();
  const files = function* () {
    for (let i = 0; i < 50_000; i++) {
      const id = genId(since + Math.floor((i / 50_000) * yearMs));
      const owner = pickActive();
      fileIds.push(id);
      fileOwner.set(id, owner);
      yield [id, owner, `photo${i}.jpg`, 'image/jpeg', 'd41d8cd98f00b204e9800998ecf8427e', 123456, `bench-${id}`];
    }
  };
  await copyRows(ctx, 'drive_files', ['id', 'user_id', 'name', 'type', 'md5', 'size', 'access_key'], files());
  lap('50000 files');

  // Notes over the year in id order: 10% replies, 5% pure renotes, 5% home, 3% followers, 5% with a file.
  const noteIds: string[] = [];
  const noteUsers: string[] = [];
  const publicIds: string[] = [];
  const quietTimes = new Map<number, string>();
  for (let q = 0; q < QUIET; q++) for (let k = 0; k < 4; k++) quietTimes.set(Math.floor(random() * NOTES), quiet[q]!);
  const notesRows = function* () {
    for (let k = 0; k < NOTES; k++) {
      const time = since + Math.floor((yearMs * k) / NOTES);
      const id = genId(time);
      const author = quietTimes.get(k) ?? pickActive();
      const roll = random();
      const target = noteIds.length > 0 ? Math.max(0, noteIds.length - 1 - Math.floor(random() * 5000)) : -1;
      const isReply = target >= 0 && roll < 0.10;
      const isRenote = target >= 0 && roll >= 0.10 && roll < 0.15;
      const visibility = roll > 0.97 ? 'followers' : roll > 0.92 ? 'home' : 'public';
      const withFile = !isRenote && random() < 0.05;
      const file = withFile ? fileIds[Math.floor(random() * fileIds.length)]! : null;
      const text = isRenote ? null : `note ${k} ${WORDS[k % WORDS.length]} ${WORDS[(k * 7) % WORDS.length]} #tag${k % 100} lorem ipsum dolor sit amet`;
      noteIds.push(id);
      noteUsers.push(author);
      if (visibility === 'public' && !isRenote) publicIds.push(id);
      yield [id, new Date(time).toISOString(), author, text, visibility,
        isReply ? noteIds[target]! : null, isReply ? noteUsers[target]! : null,
        isRenote ? noteIds[target]! : null, isRenote ? noteUsers[target]! : null,
        isReply ? noteIds[target]! : id,
        file ? `{${file}}` : '{}', file ? '{image/jpeg}' : '{}', isRenote ? '{}' : `{tag${k % 100}}`];
    }
  };
  await copyRows(ctx, 'notes', ['id', 'created_at', 'user_id', 'text', 'visibility', 'reply_id', 'reply_user_id', 'renote_id', 'renote_user_id', 'thread_id', 'file_ids', 'attached_file_types', 'tags'], notesRows());
  await ctx.database.pool.query(`UPDATE users u SET notes_count = c.n FROM (SELECT user_id, count(*) n FROM notes GROUP BY 1) c WHERE c.user_id = u.id`);
  await ctx.database.pool.query(`UPDATE notes n SET replies_count = c.n FROM (SELECT reply_id, count(*) n FROM notes WHERE reply_id IS NOT NULL GROUP BY 1) c WHERE c.reply_id = n.id`);
  await ctx.database.pool.query(`UPDATE notes n SET renote_count = c.n FROM (SELECT renote_id, count(DISTINCT user_id) n FROM notes WHERE renote_id IS NOT NULL GROUP BY 1) c WHERE c.renote_id = n.id`);
  lap(`${NOTES} notes`);

  // Reactions, most on recent notes, then the per-note counts in one statement.
  const emoji = ['👍', '❤', '🎉', '😆', '🙏'];
  const reactionPairs = new Set<string>();
  const reactions = function* () {
    for (let r = 0; r < REACTIONS; r++) {
      const note = noteIds[noteIds.length - 1 - Math.floor(noteIds.length * random() ** 3)]!;
      const user = userIds[Math.floor(random() * userIds.length)]!;
      const key = note + user;
      if (reactionPairs.has(key)) continue;
      reactionPairs.add(key);
      yield [genId(), note, user, emoji[r % emoji.length]!];
    }
  };
  await copyRows(ctx, 'note_reactions', ['id', 'note_id', 'user_id', 'reaction'], reactions());
  await ctx.database.pool.query(`
    UPDATE notes n SET reactions = c.r FROM (
      SELECT note_id, jsonb_object_agg(reaction, n) r FROM (SELECT note_id, reaction, count(*) n FROM note_reactions GROUP BY 1, 2) x GROUP BY 1
    ) c WHERE c.note_id = n.id`);
  lap(`${reactionPairs.size} reactions`);

  // Tokens for the popular account's followers that the streaming figure connects as.
  const followerTokens: string[] = [];
  for (const id of popularFollowers.slice(0, clientCount)) followerTokens.push(await issueNativeToken(ctx.db, id));
  // notes/search is off by default (Misskey's `canSearchNotes` policy); the benchmark measures it.
  await ctx.database.pool.query(`UPDATE meta SET policies = policies || '{"canSearchNotes": true}'::jsonb`);
  await ctx.database.pool.query('VACUUM ANALYZE');
  lap('tokens and VACUUM ANALYZE');
  console.log(`seeded: ${timings.join(', ')}`);

  const sampleNoteIds = Array.from({ length: 2000 }, () => publicIds[Math.floor(random() * publicIds.length)]!);
  return {
    heavy: heavy.map((id) => tokens.get(id)!), sparse: sparse.map((id) => tokens.get(id)!),
    popular: tokens.get(popular)!, ordinary: tokens.get(ordinary)!, followerTokens,
    userIds: Array.from({ length: 500 }, () => pickActive()), sampleNoteIds, words: WORDS,
  };
}

interface Row { target: string; rps: number; p50: number; p99: number; cpuMsPerRequest: number }

async function measure(target: string, endpoint: string, body: () => Record<string, unknown>, warm = 200): Promise<Row> {
  const options = {
    url: `http://127.0.0.1:${PORT}/api/${endpoint}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    connections,
    pipelining: 1,
    requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(body()) }) }],
  };
  process.stderr.write(`measuring ${target}\n`);
  await autocannon({ ...options, amount: warm });
  const cpuBefore = mikanStats(mikan.pid!).cpu;
  const result = await autocannon({ ...options, duration });
  const cpuMsPerRequest = ((mikanStats(mikan.pid!).cpu - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { target, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerRequest };
}

/** `clients` WebSocket clients on `homeTimeline`; the popular account posts `rate` notes a second. */
async function streaming(): Promise<string> {
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  let expected = 0;
  let received = 0;
  await Promise.all(seeded.followerTokens.map((token, n) => new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}/streaming?i=${token}`);
    ws.onopen = () => { ws.send(JSON.stringify({ type: 'connect', body: { channel: 'homeTimeline', id: `c${n}` } })); resolve(); };
    ws.onerror = () => reject(new Error('WebSocket failed'));
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      const text: string | undefined = message.body?.body?.text;
      const at = text ? sentAt.get(text) : undefined;
      if (at !== undefined) { received++; latencies.push(performance.now() - at); }
    };
    sockets.push(ws);
  })));
  await new Promise((r) => setTimeout(r, 1000));
  const rate = 5;
  const seconds = duration;
  const cpuBefore = mikanStats(mikan.pid!).cpu;
  const started = performance.now();
  for (let k = 0; k < rate * seconds; k++) {
    const text = `stream ${k} ${Math.random()}`;
    sentAt.set(text, performance.now());
    expected += sockets.length;
    void fetch(`http://127.0.0.1:${PORT}/api/notes/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i: seeded.popular, text }) });
    const next = started + ((k + 1) * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const cpu = mikanStats(mikan.pid!).cpu - cpuBefore;
  for (const ws of sockets) ws.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1) : '–';
  return `| streaming: ${sockets.length} followers on homeTimeline, ${rate} notes/s for ${seconds} s | delivered ${received}/${expected} | create→receipt p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms | Mikan CPU ${(cpu * 1000 / (rate * seconds)).toFixed(1)} ms per note (${((cpu * 1000) / Math.max(1, received)).toFixed(3)} ms per delivery) |`;
}

const seedFile = path.join(dataDir, 'bench-seed.json');
let seeded: Seeded;
if (flag('reuse') && fs.existsSync(seedFile)) {
  seeded = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Seeded;
  // Back to the seeded state: the notes an earlier run posted are the newest ones, by accounts the
  // heavy and sparse followers do not follow, and would lengthen every later timeline walk.
  const config = loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const ctx = await createContext(config);
  const { rowCount } = await ctx.database.pool.query(`DELETE FROM notes WHERE user_id IN (SELECT id FROM users WHERE username IN ('popular', 'ordinary'))`);
  await ctx.database.pool.query(`UPDATE users SET notes_count = 0 WHERE username IN ('popular', 'ordinary')`);
  await closeContext(ctx);
  console.log(`reusing the instance seeded in ${dataDir} (${rowCount} notes of earlier runs deleted)`);
} else {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const ctx = await createContext(config);
  seeded = await seed(ctx);
  fs.writeFileSync(seedFile, JSON.stringify(seeded));
  await closeContext(ctx);
}

const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const mikan = await start([...nodeFlags, 'dist/main.js', 'start'], {
  PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: dataDir,
}, 'Mikan listening');
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
try {
  const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(' ');
  const rows: Row[] = [];
  const extra: string[] = [];
  if (wanted('heavy')) rows.push(await measure('notes/timeline, heavy follower (3,000 follows)', 'notes/timeline', () => ({ i: pick(seeded.heavy), limit: 10 })));
  if (wanted('sparse')) rows.push(await measure('notes/timeline, sparse follower (3 quiet accounts)', 'notes/timeline', () => ({ i: pick(seeded.sparse), limit: 10 })));
  if (wanted('show')) rows.push(await measure('notes/show', 'notes/show', () => ({ i: pick(seeded.heavy), noteId: pick(seeded.sampleNoteIds) })));
  if (wanted('user-notes')) rows.push(await measure('users/notes (10)', 'users/notes', () => ({ i: pick(seeded.heavy), userId: pick(seeded.userIds), limit: 10 })));
  if (wanted('search')) rows.push(await measure('notes/search (one word, 10)', 'notes/search', () => ({ i: pick(seeded.heavy), query: pick(seeded.words), limit: 10 })));
  if (wanted('create-popular')) rows.push(await measure(`notes/create, ${POPULAR_FOLLOWERS} followers`, 'notes/create', () => ({ i: seeded.popular, text: `popular ${Math.random()}` }), 50));
  if (wanted('create')) rows.push(await measure('notes/create, 20 followers', 'notes/create', () => ({ i: seeded.ordinary, text: `ordinary ${Math.random()}` }), 50));
  if (wanted('streaming')) extra.push(await streaming());
  console.log(`\n${os.cpus().length} cores, ${connections} connections, ${duration} s per target, Node ${process.version}, ${USERS} users, ${NOTES} notes`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}\n`);
  console.log('| target | requests/s | p50 ms | p99 ms | Mikan CPU ms/request |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.target} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.cpuMsPerRequest.toFixed(2)} |`);
  for (const line of extra) console.log(line);
  console.log(`\nMikan RSS after the run: ${Math.round(mikanStats(mikan.pid!).rssMb)} MiB`);
} finally {
  await stop(mikan);
}
