import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from 'misskey-js';
import { startTestServer, type TestServer } from '../../src/test-mode/index.js';

// Mikan's own test-server mode (src/test-mode): one server for the file, as an SDK's suite would use it.
let server: TestServer;
const post = async (path: string, json: unknown = {}) => {
  const response = await fetch(`${server.origin}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  server = await startTestServer({
    fixtures: {
      users: { alice: { name: 'Alice' }, bob: {} },
      follows: [['bob', 'alice']],
      files: { hello: { user: 'alice', name: 'hello.txt', content: 'hello', type: 'text/plain' } },
      notes: { first: { user: 'alice', text: 'first note', files: ['hello'] }, reply: { user: 'bob', text: 'a reply', replyTo: 'first' } },
      clips: { favs: { user: 'alice', notes: ['first'] } },
    },
  });
}, 60_000);
afterAll(async () => { await server?.close(); });

describe('test server', () => {
  it('answers as a Misskey with an administrator token', async () => {
    const me = await new api.APIClient({ origin: server.origin, credential: server.token }).request('i', {});
    expect(me.username).toBe('admin');
    expect(me.isAdmin).toBe(true);
  });

  it('creates fixtures under stable names', async () => {
    const alice = new api.APIClient({ origin: server.origin, credential: server.fixtures.users.alice!.token });
    const note = await alice.request('notes/show', { noteId: server.fixtures.notes.reply!.id });
    expect(note.replyId).toBe(server.fixtures.notes.first!.id);
    const clipNotes = await alice.request('clips/notes', { clipId: server.fixtures.clips.favs!.id });
    expect(clipNotes.map((n) => n.id)).toEqual([server.fixtures.notes.first!.id]);
    const following = await alice.request('users/followers', { userId: server.fixtures.users.alice!.id });
    expect(following.map((f) => f.followerId)).toEqual([server.fixtures.users.bob!.id]);
  });

  it('refuses fixtures that name what does not exist, creating nothing after the bad entry', async () => {
    const response = await post('_test/fixtures', { notes: { orphan: { user: 'nobody', text: 'x' } } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_FIXTURE');
    expect(response.body.error.message).toContain('nobody');
    const loaded = await post('_test/fixtures', { users: { dave: {} }, notes: { daves: { user: 'dave', text: 'by name' } } });
    expect(loaded.status).toBe(200);
    const note = await new api.APIClient({ origin: server.origin }).request('notes/show', { noteId: loaded.body.notes.daves.id });
    expect(note.user.username).toBe('dave');
  });

  it('reset-db returns to the seeded state and forgets cached credentials', async () => {
    const client = new api.APIClient({ origin: server.origin, credential: server.token });
    const { createdNote } = await client.request('notes/create', { text: 'to be forgotten' });
    const added = await server.load({ users: { carol: {} } });
    const carol = new api.APIClient({ origin: server.origin, credential: added.users.carol!.token });
    expect((await carol.request('i', {})).username).toBe('carol');
    const began = performance.now();
    expect((await post('reset-db')).status).toBe(204);
    expect(performance.now() - began).toBeLessThan(2000);
    await expect(client.request('notes/show', { noteId: createdNote.id })).rejects.toMatchObject({ code: 'NO_SUCH_NOTE' });
    // carol's token was cached by the request above: after the reset it must not authenticate.
    await expect(carol.request('i', {})).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    const seeded = await client.request('notes/show', { noteId: server.fixtures.notes.first!.id });
    expect(seeded.text).toBe('first note');
  });

  it('restores a named snapshot', async () => {
    const client = new api.APIClient({ origin: server.origin, credential: server.token });
    const { createdNote: kept } = await client.request('notes/create', { text: 'in the snapshot' });
    expect((await post('_test/snapshot', { name: 'seeded' })).status).toBe(204);
    const { createdNote: dropped } = await client.request('notes/create', { text: 'after the snapshot' });
    expect((await post('_test/restore', { name: 'seeded' })).status).toBe(204);
    expect((await client.request('notes/show', { noteId: kept.id })).text).toBe('in the snapshot');
    await expect(client.request('notes/show', { noteId: dropped.id })).rejects.toMatchObject({ code: 'NO_SUCH_NOTE' });
    expect((await post('_test/restore', { name: 'nonexistent' })).status).toBe(404);
    expect((await post('_test/snapshot', { name: 'Bad Name!' })).status).toBe(400);
  });

  it('reloads instance settings on reset', async () => {
    const client = new api.APIClient({ origin: server.origin, credential: server.token });
    await client.request('admin/update-meta', { name: 'Changed name' });
    expect((await client.request('meta', {})).name).toBe('Changed name');
    await server.resetDb();
    expect((await client.request('meta', {})).name).not.toBe('Changed name');
  });

  it('advances the clock: polls expire without sleeping', async () => {
    await server.resetDb();
    const alice = new api.APIClient({ origin: server.origin, credential: server.fixtures.users.alice!.token });
    const bob = new api.APIClient({ origin: server.origin, credential: server.fixtures.users.bob!.token });
    const { createdNote } = await alice.request('notes/create', { text: 'poll', poll: { choices: ['a', 'b'], expiredAfter: 3_600_000 } });
    const clock = await post('_test/clock', { advanceMs: 2 * 3_600_000 });
    expect(clock.body.offsetMs).toBe(2 * 3_600_000);
    await expect(bob.request('notes/polls/vote', { noteId: createdNote.id, choice: 0 })).rejects.toMatchObject({ code: 'ALREADY_EXPIRED' });
    expect((await post('_test/clock', { advanceMs: -1 })).status).toBe(400);
  });

  it('posts a scheduled note when the clock passes its time', async () => {
    await server.resetDb();
    const alice = new api.APIClient({ origin: server.origin, credential: server.fixtures.users.alice!.token });
    const at = Date.now() + 24 * 3_600_000;
    const draft = await alice.request('notes/drafts/create', { text: 'scheduled', scheduledAt: at, isActuallyScheduled: true } as any);
    const before = await alice.request('users/notes', { userId: server.fixtures.users.alice!.id });
    expect(before.some((n) => n.text === 'scheduled')).toBe(false);
    await server.advanceClock(25 * 3_600_000);
    const after = await alice.request('users/notes', { userId: server.fixtures.users.alice!.id });
    expect(after.some((n) => n.text === 'scheduled')).toBe(true);
    expect(draft).toBeTruthy();
  });

  it('captures mail in memory and empties it on reset', async () => {
    await server.resetDb();
    const admin = new api.APIClient({ origin: server.origin, credential: server.token });
    await admin.request('i/update-email', { email: 'admin@example.com', password: server.admin.password });
    const mails = await server.mails({ count: 1, timeoutMs: 10_000 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['admin@example.com']);
    expect(mails[0]!.text).toContain(server.origin);
    expect((await post('_test/mails')).body).toHaveLength(1);
    await server.resetDb();
    expect((await post('_test/mails')).body).toHaveLength(0);
  });

  it('removes its data directory on close', async () => {
    const other = await startTestServer();
    expect(fs.existsSync(other.dataDir)).toBe(true);
    expect(other.origin).not.toBe(server.origin);
    await other.close();
    expect(fs.existsSync(other.dataDir)).toBe(false);
  }, 60_000);

  it('refuses a fixture file that names an unknown user, leaving no server and no data directory behind', async () => {
    // A temporary directory of its own, so other test files' servers cannot be counted.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-fixture-failure-'));
    fs.chmodSync(tmp, 0o755); // as root, PostgreSQL runs as another user that must enter it
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      await expect(startTestServer({ fixtures: { notes: { lost: { user: 'nobody', text: 'hi' } } } })).rejects.toThrow(/unknown user "nobody"/);
      // The migrated template cache may be made there; the server's own data directory must be gone.
      expect(fs.readdirSync(tmp).filter((name) => name !== 'mikan-test-server-cache')).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = previous;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
