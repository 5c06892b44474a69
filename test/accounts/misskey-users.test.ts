import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { signupOk } from './helpers.js';

// Issue 17, "Users": what a Misskey client sees of users, field by field.

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

type User = Awaited<ReturnType<TestServer['createUser']>>;
const req = (user: User | null, endpoint: string, params: Record<string, unknown> = {}) =>
  server.client(user?.token ?? null).request(endpoint as any, params as any) as Promise<any>;

describe('updatedAt is the time of the latest note', () => {
  it('is null until the user posts; editing the profile does not set it; posting does', async () => {
    const alice = await server.createUser();
    expect((await req(alice, 'i')).updatedAt).toBeNull();
    const updated = await req(alice, 'i/update', { name: 'Alice' });
    expect(updated.name).toBe('Alice');
    expect(updated.updatedAt).toBeNull();
    expect((await req(null, 'users/show', { userId: alice.id })).updatedAt).toBeNull();

    const { createdNote } = await req(alice, 'notes/create', { text: 'first' });
    const afterPost = (await req(alice, 'i')).updatedAt;
    expect(afterPost).not.toBeNull();
    expect(Math.abs(Date.parse(afterPost) - Date.parse(createdNote.createdAt))).toBeLessThan(5_000);

    // i/update answers with the value from before the call, and the call does not move it.
    const again = await req(alice, 'i/update', { name: 'Alice 2' });
    expect(again.updatedAt).toBe(afterPost);
    expect((await req(null, 'users/show', { userId: alice.id })).updatedAt).toBe(afterPost);
  });

  it('users sorted by updatedAt lists only users who have one', async () => {
    const silent = await server.createUser();
    const poster = await server.createUser();
    await req(poster, 'notes/create', { text: 'hello' });
    for (const sort of ['+updatedAt', '-updatedAt']) {
      const listed = await req(null, 'users', { sort, limit: 100 });
      const ids = listed.map((user: any) => user.id);
      expect(ids, sort).toContain(poster.id);
      expect(ids, sort).not.toContain(silent.id);
      for (const user of listed) expect(user.updatedAt, sort).not.toBeNull();
    }
    // Other sorts still list everyone.
    expect((await req(null, 'users', { sort: '+createdAt', limit: 100 })).map((user: any) => user.id)).toContain(silent.id);
  });

  it('users/search-by-username-and-host leaves out non-followed local users who never posted', async () => {
    const viewer = await server.createUser();
    const followedSilent = await server.createUser({ username: 'sbuhfollowed' });
    const silent = await server.createUser({ username: 'sbuhsilent' });
    const poster = await server.createUser({ username: 'sbuhposter' });
    await req(poster, 'notes/create', { text: 'hi' });
    await req(viewer, 'following/create', { userId: followedSilent.id });

    const anonymous = (await req(null, 'users/search-by-username-and-host', { username: 'sbuh' })).map((user: any) => user.id);
    expect(anonymous).toEqual([poster.id]);
    const signedIn = (await req(viewer, 'users/search-by-username-and-host', { username: 'sbuh' })).map((user: any) => user.id);
    expect(signedIn).toEqual([followedSilent.id, poster.id]);
    expect(signedIn).not.toContain(silent.id);
  });
});

describe('security fields of a detailed user', () => {
  const keys = ['twoFactorEnabled', 'usePasswordLessLogin', 'securityKeys'];

  it('appear only for the user themself and moderators', async () => {
    const [owner, other] = [await server.createUser(), await server.createUser()];
    const moderator = await server.createUser({ isModerator: true });
    const anonymousView = await req(null, 'users/show', { userId: owner.id });
    const otherView = await req(other, 'users/show', { userId: owner.id });
    for (const key of keys) {
      expect(anonymousView, key).not.toHaveProperty(key);
      expect(otherView, key).not.toHaveProperty(key);
    }
    // The same rule in lists of detailed users.
    const listed = (await req(other, 'users/show', { userIds: [owner.id] }))[0];
    for (const key of keys) expect(listed, key).not.toHaveProperty(key);

    const ownView = await req(owner, 'users/show', { userId: owner.id });
    const moderatorView = await req(moderator, 'users/show', { userId: owner.id });
    for (const key of keys) {
      expect(ownView, key).toHaveProperty(key, false);
      expect(moderatorView, key).toHaveProperty(key, false);
    }
  });
});

describe('onlineStatus of oneself', () => {
  it('is computed from the state before the current request', async () => {
    const account = await signupOk(server, 'onlinefirst');
    const self = { id: account.id, username: account.username, token: account.token };
    expect((await req(self, 'i')).onlineStatus).toBe('unknown');
    expect((await req(self, 'i')).onlineStatus).toBe('online');

    const hiding = await req(self, 'i/update', { hideOnlineStatus: true });
    expect(hiding.hideOnlineStatus).toBe(true);
    expect(hiding.onlineStatus).toBe('online');
    expect((await req(self, 'i')).onlineStatus).toBe('unknown');

    const showing = await req(self, 'i/update', { hideOnlineStatus: false });
    expect(showing.onlineStatus).toBe('unknown');
    expect((await req(self, 'i')).onlineStatus).toBe('online');
  });
});

describe('users/update-memo about oneself', () => {
  it('is stored and returned as memo on one\'s own detailed user', async () => {
    const self = await server.createUser();
    await req(self, 'users/update-memo', { userId: self.id, memo: 'note to self' });
    expect((await req(self, 'i')).memo).toBe('note to self');
    expect((await req(self, 'users/show', { userId: self.id })).memo).toBe('note to self');
    await req(self, 'users/update-memo', { userId: self.id, memo: null });
    expect((await req(self, 'i')).memo).toBeNull();
  });
});

describe('muted users in lists', () => {
  it('are left out of users/search and the other user lists', async () => {
    const viewer = await server.createUser();
    const muted = await server.createUser({ username: 'mutedsearchee' });
    const shown = await server.createUser({ username: 'mutedsearchok' });
    await req(muted, 'notes/create', { text: 'x' });
    await req(shown, 'notes/create', { text: 'x' });
    await req(viewer, 'mute/create', { userId: muted.id });

    const search = (await req(viewer, 'users/search', { query: 'mutedsearch' })).map((user: any) => user.id);
    expect(search).toContain(shown.id);
    expect(search).not.toContain(muted.id);
    const byName = (await req(viewer, 'users/search-by-username-and-host', { username: 'mutedsearch' })).map((user: any) => user.id);
    expect(byName).toContain(shown.id);
    expect(byName).not.toContain(muted.id);
    // Others still find them.
    expect((await req(null, 'users/search', { query: 'mutedsearch' })).map((user: any) => user.id)).toContain(muted.id);
  });

  it('users/notes leaves out renotes and replies of muted users\' notes, but the author\'s own notes stay', async () => {
    const viewer = await server.createUser();
    const author = await server.createUser();
    const muted = await server.createUser();
    await req(viewer, 'mute/create', { userId: muted.id });
    const { createdNote: mutedNote } = await req(muted, 'notes/create', { text: 'muted says' });
    const { createdNote: own } = await req(author, 'notes/create', { text: 'mine' });
    const { createdNote: renote } = await req(author, 'notes/create', { renoteId: mutedNote.id });
    const { createdNote: reply } = await req(author, 'notes/create', { text: 'answer', replyId: mutedNote.id });

    const seen = (await req(viewer, 'users/notes', { userId: author.id, withReplies: true })).map((note: any) => note.id);
    expect(seen).toContain(own.id);
    expect(seen).not.toContain(renote.id);
    expect(seen).not.toContain(reply.id);
    // A stranger sees all three; the muted user's own page still shows their notes to the viewer.
    const stranger = (await req(null, 'users/notes', { userId: author.id, withReplies: true })).map((note: any) => note.id);
    expect(stranger).toEqual(expect.arrayContaining([own.id, renote.id, reply.id]));
    expect((await req(viewer, 'users/notes', { userId: muted.id })).map((note: any) => note.id)).toContain(mutedNote.id);
  });

  it('notes/mentions leaves out notes of threads the viewer muted', async () => {
    const viewer = await server.createUser();
    const other = await server.createUser();
    const { createdNote: root } = await req(viewer, 'notes/create', { text: 'thread root' });
    await req(viewer, 'notes/thread-muting/create', { noteId: root.id });
    const { createdNote: inMutedThread } = await req(other, 'notes/create', { text: `@${viewer.username} here`, replyId: root.id });
    const { createdNote: elsewhere } = await req(other, 'notes/create', { text: `@${viewer.username} there` });
    const mentions = (await req(viewer, 'notes/mentions')).map((note: any) => note.id);
    expect(mentions).toContain(elsewhere.id);
    expect(mentions).not.toContain(inMutedThread.id);
  });
});
