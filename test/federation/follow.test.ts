import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import type { TestServer } from '../harness.js';
import { startFederatedServers } from '../fixtures/federation.js';
import { closeAll, eventually, openStream, sleep } from '../streaming/helpers.js';
import { notes } from '../../src/db/schema/index.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { apDeliver } from '../../src/federation/deliver-job.js';
import { DEAD_AFTER_FAILURES, DEAD_AFTER_MS, hostHealth, setHostHealth } from '../../src/federation/host-health.js';

/**
 * Two Mikan instances federating over real HTTP (a.mikan.test and b.mikan.test, both loopback):
 * follows (open and locked accounts), notes delivered to followers and their deletion, unfollows,
 * and an inbox that refuses what is not signed by its actor.
 */

let a: TestServer;
let b: TestServer;
let alice: { id: string; username: string; token: string };
let bob: { id: string; username: string; token: string };
let carol: { id: string; username: string; token: string };
let bHost: string;
let aHost: string;
let bobOnA: { id: string };
let carolOnA: { id: string };

const FEDERATION_WAIT = 20_000;

beforeAll(async () => {
  [a, b] = await startFederatedServers(['a', 'b']);
  aHost = new URL(a.publicUrl).host;
  bHost = new URL(b.publicUrl).host;
  alice = await a.createUser({ username: 'alice' });
  bob = await b.createUser({ username: 'bob' });
  carol = await b.createUser({ username: 'carol' });
  await b.client(carol.token).request('i/update', { isLocked: true });
}, 60_000);

afterAll(async () => {
  closeAll();
  await a?.close();
  await b?.close();
});

const isFollowingOnA = async (followeeId: string) => {
  const list = await a.client(alice.token).request('users/following', { userId: alice.id });
  return list.some((entry) => entry.followeeId === followeeId);
};

describe('federation between two instances', () => {
  it('finds a remote user by username and host, and through ap/show', async () => {
    const shown = await a.client(alice.token).request('users/show', { username: 'bob', host: bHost });
    expect(shown.username).toBe('bob');
    expect(shown.host).toBe(bHost);
    expect(shown.id).not.toBe(bob.id);
    expect(shown.uri).toBe(`${b.publicUrl}/users/${bob.id}`);
    expect(shown.url).toBe(`${b.publicUrl}/@bob`);
    bobOnA = shown;

    const byAcct = await a.client(alice.token).request('ap/show', { uri: `@carol@${bHost}` });
    expect(byAcct.type).toBe('User');
    expect((byAcct.object as { username: string }).username).toBe('carol');
    expect((byAcct.object as { isLocked: boolean }).isLocked).toBe(true);
    carolOnA = byAcct.object as { id: string };

    const byUrl = await a.client(alice.token).request('ap/show', { uri: `${b.publicUrl}/@bob` });
    expect(byUrl.type).toBe('User');
    expect((byUrl.object as { id: string }).id).toBe(bobOnA.id);

    await expect(a.client(alice.token).request('users/show', { username: 'nobody', host: bHost }))
      .rejects.toMatchObject({ code: 'FAILED_TO_RESOLVE_REMOTE_USER' });
    await expect(a.client(alice.token).request('ap/show', { uri: `${b.publicUrl}/notes/0000000000` }))
      .rejects.toMatchObject({ code: 'NO_SUCH_OBJECT' });
    // A knows one other server now.
    expect((await a.client().request('stats', {})).instances).toBe(1);
    await expect(a.client(alice.token).request('ap/show', { uri: 'not a uri' }))
      .rejects.toMatchObject({ code: 'URI_INVALID' });
    await expect(a.client(alice.token).request('ap/show', { uri: 'ftp://example.com/x' }))
      .rejects.toMatchObject({ code: 'URI_INVALID' });
    // A URL of this server that names nothing is no object, not an invalid URI.
    await expect(a.client(alice.token).request('ap/show', { uri: `${a.publicUrl}/notes/0000000000` }))
      .rejects.toMatchObject({ code: 'NO_SUCH_OBJECT' });
  });

  it('follows an open account: Follow out, Accept back', async () => {
    await a.client(alice.token).request('following/create', { userId: bobOnA.id });
    await eventually(async () => expect(await isFollowingOnA(bobOnA.id)).toBe(true), FEDERATION_WAIT);
    const followers = await b.client(bob.token).request('users/followers', { userId: bob.id });
    expect(followers.map((entry) => entry.follower?.username + '@' + entry.follower?.host)).toEqual([`alice@${aHost}`]);
  });

  it('follows a locked account once it accepts the request', async () => {
    await a.client(alice.token).request('following/create', { userId: carolOnA.id });
    const requests = await eventually(async () => {
      const list = await b.client(carol.token).request('following/requests/list', {});
      expect(list).toHaveLength(1);
      return list;
    }, FEDERATION_WAIT);
    expect(requests[0].follower.host).toBe(aHost);
    await sleep(500);
    expect(await isFollowingOnA(carolOnA.id)).toBe(false);
    await b.client(carol.token).request('following/requests/accept', { userId: requests[0].follower.id });
    await eventually(async () => expect(await isFollowingOnA(carolOnA.id)).toBe(true), FEDERATION_WAIT);
  });

  it('delivers notes to followers (timeline and stream) and their deletion', async () => {
    const stream = await openStream(a, alice.token);
    const streamed: any[] = [];
    stream.useChannel('homeTimeline').on('note', (note) => streamed.push(note));
    await sleep(300);

    const { createdNote } = await b.client(bob.token).request('notes/create', { text: 'hello from **b** #fedi' });
    const { createdNote: secret } = await b.client(carol.token).request('notes/create', { text: 'for followers', visibility: 'followers' });
    const remote = await eventually(async () => {
      const timeline = await a.client(alice.token).request('notes/timeline', {});
      const found = timeline.find((note) => note.text === 'hello from **b** #fedi');
      expect(found).toBeDefined();
      expect(timeline.some((note) => note.text === 'for followers' && note.visibility === 'followers')).toBe(true);
      return found!;
    }, FEDERATION_WAIT);
    expect(remote.user.host).toBe(bHost);
    expect(remote.userId).toBe(bobOnA.id);
    expect(remote.uri).toBe(`${b.publicUrl}/notes/${createdNote.id}`);
    expect(remote.url).toBe(`${b.publicUrl}/notes/${createdNote.id}`);
    await eventually(() => expect(streamed.map((note) => note.text)).toContain('hello from **b** #fedi'), FEDERATION_WAIT);
    expect(streamed.find((note) => note.text === 'hello from **b** #fedi').user.host).toBe(bHost);
    expect(secret.visibility).toBe('followers');

    await b.client(bob.token).request('notes/delete', { noteId: createdNote.id });
    await eventually(async () => {
      await expect(a.client(alice.token).request('notes/show', { noteId: remote.id })).rejects.toMatchObject({ code: 'NO_SUCH_NOTE' });
    }, FEDERATION_WAIT);
    const timeline = await a.client(alice.token).request('notes/timeline', {});
    expect(timeline.some((note) => note.id === remote.id)).toBe(false);
  });

  it('sends a reply with its thread; keeps pure renotes and local-only notes home, and their deletions too', async () => {
    const { createdNote: first } = await b.client(bob.token).request('notes/create', { text: 'thread start' });
    const { createdNote: renote } = await b.client(bob.token).request('notes/create', { renoteId: first.id });
    const { createdNote: local } = await b.client(bob.token).request('notes/create', { text: 'only here', localOnly: true });
    // Deliveries run in parallel: the reply is posted once its target has arrived (a reply whose
    // target is unknown is not fetched up the thread yet; docs/federation.md).
    await eventually(async () => {
      expect((await a.client(alice.token).request('notes/timeline', {})).some((note) => note.text === 'thread start')).toBe(true);
    }, FEDERATION_WAIT);
    await b.client(bob.token).request('notes/create', { text: 'a reply in the thread', replyId: first.id });
    const reply = await eventually(async () => {
      const timeline = await a.client(alice.token).request('notes/timeline', { withReplies: true } as any);
      const found = timeline.find((note) => note.text === 'a reply in the thread');
      expect(found).toBeDefined();
      return found!;
    }, FEDERATION_WAIT);
    const startOnA = (await a.client(alice.token).request('notes/timeline', {})).find((note) => note.text === 'thread start');
    expect(reply.replyId).toBe(startOnA!.id);
    // Posted before the reply: had they been sent, they would have arrived by now.
    const stored = await a.ctx.db.select({ text: notes.text, uri: notes.uri }).from(notes).where(eq(notes.userId, bobOnA.id));
    expect(stored.some((note) => note.uri?.endsWith(`/notes/${renote.id}`))).toBe(false);
    expect(stored.some((note) => note.text === 'only here')).toBe(false);
    // Their objects are not served either.
    for (const id of [renote.id, local.id]) {
      const res = await b.fetch(`/notes/${id}`, { headers: { accept: 'application/activity+json' } });
      expect(res.status).toBe(404);
    }
  });

  it('unfollows: Undo(Follow) reaches the other side, notes stop coming', async () => {
    await a.client(alice.token).request('following/delete', { userId: bobOnA.id });
    expect(await isFollowingOnA(bobOnA.id)).toBe(false);
    await eventually(async () => {
      expect(await b.client(bob.token).request('users/followers', { userId: bob.id })).toEqual([]);
    }, FEDERATION_WAIT);
    await b.client(bob.token).request('notes/create', { text: 'after the unfollow' });
    // Carol (still followed) posts after Bob: once hers arrives, Bob's would have too.
    await b.client(carol.token).request('notes/create', { text: 'marker from carol' });
    await eventually(async () => {
      const timeline = await a.client(alice.token).request('notes/timeline', {});
      expect(timeline.some((note) => note.text === 'marker from carol')).toBe(true);
    }, FEDERATION_WAIT);
    const [unwanted] = await a.ctx.db.select({ id: notes.id }).from(notes).where(eq(notes.text, 'after the unfollow'));
    expect(unwanted).toBeUndefined();
  });

  it('drops deliveries to a host that has been dead for a week, and records answers', async () => {
    await setHostHealth(b.ctx, aHost, { failingSince: Date.now() - DEAD_AFTER_MS - 1000, failures: DEAD_AFTER_FAILURES });
    await b.client(carol.token).request('notes/create', { text: 'to a dead host' });
    await sleep(1500);
    // The host answers again (an administrator cleared it): deliveries resume, the dropped one stays dropped.
    await setHostHealth(b.ctx, aHost, { failingSince: Date.now() - 1000, failures: 1 });
    await b.client(carol.token).request('notes/create', { text: 'host alive again' });
    await eventually(async () => {
      const timeline = await a.client(alice.token).request('notes/timeline', {});
      expect(timeline.some((note) => note.text === 'host alive again')).toBe(true);
    }, FEDERATION_WAIT);
    const [dropped] = await a.ctx.db.select({ id: notes.id }).from(notes).where(eq(notes.text, 'to a dead host'));
    expect(dropped).toBeUndefined();
    // The successful delivery cleared the failing record.
    await eventually(async () => expect(await hostHealth(b.ctx, aHost)).toBeUndefined(), FEDERATION_WAIT);
  });

  it('files deliveries where admin/queue/deliver-delayed counts them, by destination host', async () => {
    const admin = await a.createUser({ isAdmin: true });
    await enqueueJob(a.ctx, a.ctx.db, apDeliver, { userId: alice.id, to: 'https://slow.example/inbox', activity: {} }, { startAfter: new Date(Date.now() + 3_600_000) });
    expect(await a.client(admin.token).request('admin/queue/deliver-delayed', {})).toEqual([['slow.example', 1]]);
  });

  it('refuses inbox posts that are unsigned or signed with another key, and stores nothing', async () => {
    const uri = `${b.publicUrl}/notes/forged1`;
    const activity = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${uri}/activity`,
      type: 'Create',
      actor: `${b.publicUrl}/users/${bob.id}`,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: { id: uri, type: 'Note', attributedTo: `${b.publicUrl}/users/${bob.id}`, content: 'forged', to: ['https://www.w3.org/ns/activitystreams#Public'] },
    };
    const body = JSON.stringify(activity);
    const unsigned = await a.fetch('/inbox', { method: 'POST', body, headers: { 'Content-Type': 'application/activity+json', Host: aHost } });
    expect([401, 403]).toContain(unsigned.status);

    // Signed, but not with Bob's key: the key id names Bob's, the signature does not match it.
    const { privateKey } = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const request = new Request(`${a.publicUrl}/users/${alice.id}/inbox`, { method: 'POST', body, headers: { 'Content-Type': 'application/activity+json' } });
    const signed = await signRequest(request, privateKey, new URL(`${b.publicUrl}/users/${bob.id}#main-key`));
    const headers: Record<string, string> = {};
    signed.headers.forEach((value, name) => { headers[name] = value; });
    const forged = await a.fetch(`/users/${alice.id}/inbox`, { method: 'POST', body, headers });
    expect([401, 403]).toContain(forged.status);

    const stored = await a.ctx.db.select({ id: notes.id }).from(notes).where(eq(notes.uri, uri));
    expect(stored).toEqual([]);
  });
});
