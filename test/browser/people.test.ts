import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userProfiles } from '../../src/db/schema/index.js';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite, type ClientSession } from './web-client.js';

// People in the web client: a locked account's follow request arriving live on the other side and
// answered there, profiles (bio as MFM, fields, facts, pinned note, tabs, follower lists and their
// refusal), the profile menu (mute, renote mute, block, lists, report), lists with a live
// timeline, and favourites. Two browsers, signed in once for the whole file.
let server: TestServer;
type User = Awaited<ReturnType<TestServer['createUser']>>;
let alice: User;
let bob: User;
let carol: User;
let admin: User;
let a: ClientSession;
let b: ClientSession;

// A 1×1 orange PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==', 'base64');

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  admin = await server.createUser({ username: 'root', isAdmin: true });
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  carol = await server.createUser({ username: 'carol' });
  await server.client(bob.token).request('i/update', { isLocked: true });
  [a, b] = await Promise.all([suite.signedIn('alice'), suite.signedIn('bob')]);
}, 120_000);
afterAll(async () => {
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});

const go = (page: Page, path: string) => page.goto(`${server.url}${path}`);

it('sends a follow request to a locked account; it arrives live, is counted, and accepting it makes the follow', { timeout: 60_000 }, async () => {
  await go(b.page, '/follow-requests');
  await b.page.getByText('Nobody is waiting for your answer.').waitFor();

  await go(a.page, '/@bob');
  await a.page.locator('.profile .badge', { hasText: 'Locked' }).waitFor();
  await a.page.getByRole('button', { name: 'Request to follow' }).click();
  await a.page.getByRole('button', { name: 'Cancel request' }).waitFor();
  await a.page.getByText('Waiting for @bob to accept your request.').waitFor();

  // Bob's open page and navigation learn of it through the main channel.
  const row = b.page.locator('.received-requests .user-row', { hasText: '@alice' });
  await row.waitFor();
  await expect.poll(() => b.page.getByTestId('follow-request-count').textContent()).toBe('1');
  const pending = await server.client(bob.token).request('following/requests/list', {});
  expect(pending.map((r) => r.follower.username)).toEqual(['alice']);

  // Alice sees it under Sent.
  await go(a.page, '/follow-requests');
  await a.page.locator('.sent-requests .user-row', { hasText: '@bob' }).waitFor();

  await row.getByRole('button', { name: 'Accept' }).click();
  await b.page.getByText('Nobody is waiting for your answer.').waitFor();
  await expect.poll(() => b.page.getByTestId('follow-request-count').count()).toBe(0);
  const following = await server.client(alice.token).request('users/following', { userId: alice.id });
  expect(following.map((f) => f.followee?.username)).toEqual(['bob']);

  await go(a.page, '/@bob');
  await a.page.getByRole('button', { name: 'Unfollow' }).waitFor();
  await go(b.page, '/@alice');
  await b.page.locator('.profile .badge', { hasText: 'Follows you' }).waitFor();
});

it('cancels a sent request and rejects a received one', { timeout: 60_000 }, async () => {
  const dave = await server.createUser({ username: 'dave' });
  await server.client(dave.token).request('following/create', { userId: bob.id });
  await server.client(carol.token).request('i/update', { isLocked: true });
  await server.client(bob.token).request('following/create', { userId: carol.id });

  await go(b.page, '/follow-requests');
  await b.page.locator('.received-requests .user-row', { hasText: '@dave' }).getByRole('button', { name: 'Reject' }).click();
  await b.page.getByText('Nobody is waiting for your answer.').waitFor();
  await b.page.locator('.sent-requests .user-row', { hasText: '@carol' }).getByRole('button', { name: 'Cancel' }).click();
  await b.page.getByText('You are not waiting for anyone.').waitFor();
  expect(await server.client(bob.token).request('following/requests/list', {})).toEqual([]);
  expect(await server.client(bob.token).request('following/requests/sent', {})).toEqual([]);
  expect((await server.client(dave.token).request('users/show', { userId: bob.id })).isFollowing).toBe(false);
  await server.client(carol.token).request('i/update', { isLocked: false });
});

it('shows a profile: banner-less header, MFM bio, fields, facts, pinned note, tabs and follower lists', { timeout: 60_000 }, async () => {
  const as = server.client(carol.token);
  await as.request('i/update', {
    name: 'Carol C', description: 'I like **oranges** and #citrus', location: 'Ehime', birthday: '1990-04-01',
    fields: [{ name: 'Site', value: 'https://carol.example/' }, { name: 'Fruit', value: 'mikan' }],
    followersVisibility: 'private', followingVisibility: 'followers',
  });
  const { createdNote: pinned } = await as.request('notes/create', { text: 'Pinned hello' });
  await as.request('i/pin', { noteId: pinned.id });
  await as.request('notes/create', { text: 'A top-level note' });
  // A reply to someone else (replies to oneself are threads, shown with the notes as in Misskey).
  const { createdNote: bobs } = await server.client(bob.token).request('notes/create', { text: 'Bob asks' });
  await as.request('notes/create', { text: 'A reply of mine', replyId: bobs.id });
  await server.client(alice.token).request('following/create', { userId: carol.id });
  // A note with a picture, for the Files tab.
  const file = await server.upload(carol.token, 'orange.png', PNG);
  await as.request('notes/create', { text: 'A picture of an orange', fileIds: [file.id] });
  // A custom emoji in the name, and the site field verified (Mikan does not check rel="me" links
  // yet, so the stored result is set here: the page is tested, not the verification).
  const emojiFile = await server.upload(admin.token, 'mikan.png', PNG);
  await server.client(admin.token).request('admin/emoji/add', { name: 'mikan', fileId: emojiFile.id });
  await as.request('i/update', { name: 'Carol C :mikan:' });
  await server.ctx.db.update(userProfiles).set({ verifiedLinks: ['https://carol.example/'] }).where(eq(userProfiles.userId, carol.id));

  await go(a.page, '/@carol');
  await a.page.getByRole('heading', { name: 'Carol C' }).waitFor();
  await a.page.locator('.profile h1 img.custom-emoji').waitFor();
  expect(await a.page.locator('.profile-fields dd.verified').textContent()).toContain('verified');
  expect(await a.page.locator('.profile-fields dd.verified').count()).toBe(1);
  expect(await a.page.locator('.profile-description b, .profile-description strong').first().textContent()).toBe('oranges');
  expect(await a.page.locator('.profile-facts').textContent()).toContain('Ehime');
  expect(await a.page.locator('.profile-facts').textContent()).toContain('April 1, 1990');
  expect(await a.page.locator('.profile-fields a').getAttribute('href')).toBe('https://carol.example/');
  expect(await a.page.locator('.profile-fields').textContent()).toContain('mikan');
  await a.page.locator('.pinned-notes', { hasText: 'Pinned hello' }).waitFor();

  // Notes without replies; the Replies tab has the reply.
  await a.page.locator('.note-list .note', { hasText: 'A top-level note' }).waitFor();
  expect(await a.page.locator('.note-list .note', { hasText: 'A reply of mine' }).count()).toBe(0);
  await a.page.getByRole('button', { name: 'Replies' }).click();
  await a.page.waitForURL(`${server.url}/@carol/replies`);
  await a.page.locator('.note-list .note', { hasText: 'A reply of mine' }).waitFor();
  await a.page.getByRole('button', { name: 'Files' }).click();
  await a.page.locator('.note-list .note', { hasText: 'A picture of an orange' }).waitFor();
  expect(await a.page.locator('.note-list .note', { hasText: 'A top-level note' }).count()).toBe(0);

  // Followers are private: the refusal in words. Following is for followers, and Alice follows.
  await a.page.locator('.profile-counts').getByRole('link', { name: /followers/ }).click();
  await a.page.waitForURL(`${server.url}/@carol/followers`);
  await a.page.getByText('@carol keeps who follows them private.').waitFor();
  await a.page.locator('.profile-counts').getByRole('link', { name: /following/ }).click();
  await a.page.getByText('Not following anyone yet.').waitFor();
  await server.client(alice.token).request('following/delete', { userId: carol.id });
  await a.page.reload();
  await a.page.getByText('@carol shows who they follow only to their followers.').waitFor();

  // An unknown user is said so.
  await go(a.page, '/@nobody-here');
  await a.page.locator('.error', { hasText: 'NO_SUCH_USER' }).waitFor();
});

it('mutes, mutes renotes, blocks, adds to a list and reports from the profile menu', { timeout: 60_000 }, async () => {
  const { id: listId } = await server.client(alice.token).request('users/lists/create', { name: 'Friends' });
  await go(a.page, '/@carol');
  const menu = a.page.locator('.user-menu');
  await menu.locator('summary').click();
  await menu.getByRole('button', { name: 'Mute', exact: true }).click();
  await menu.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
  await menu.getByRole('button', { name: 'Mute renotes' }).click();
  await menu.getByRole('button', { name: 'Unmute renotes' }).waitFor();
  const alices = server.client(alice.token);
  expect((await alices.request('mute/list', {})).map((m) => m.muteeId)).toEqual([carol.id]);
  expect((await alices.request('renote-mute/list', {})).map((m) => m.muteeId)).toEqual([carol.id]);

  await menu.getByRole('button', { name: 'Add to list' }).click();
  await menu.getByLabel('Friends').check();
  await expect.poll(async () => (await alices.request('users/lists/show', { listId })).userIds).toEqual([carol.id]);

  await menu.getByRole('button', { name: 'Report' }).click();
  await menu.getByLabel('What is wrong?').fill('Too many oranges');
  await menu.getByRole('button', { name: 'Send report' }).click();
  await menu.getByText('Report sent to the moderators.').waitFor();
  const reports = await server.client(admin.token).request('admin/abuse-user-reports', {});
  expect(reports.map((r) => [r.targetUserId, r.comment])).toEqual([[carol.id, 'Too many oranges']]);

  await menu.getByRole('button', { name: 'Copy link' }).click();
  await menu.getByText(`${server.url}/@carol`).waitFor();

  await menu.getByRole('button', { name: 'Block' }).click();
  await menu.getByRole('button', { name: 'Unblock' }).waitFor();
  expect((await alices.request('blocking/list', {})).map((x) => x.blockeeId)).toEqual([carol.id]);
  // Undo everything from the menu too.
  await menu.getByRole('button', { name: 'Unblock' }).click();
  await menu.getByRole('button', { name: 'Unmute', exact: true }).click();
  await menu.getByRole('button', { name: 'Mute', exact: true }).waitFor();
  await menu.getByRole('button', { name: 'Unmute renotes' }).click();
  await menu.getByRole('button', { name: 'Mute renotes' }).waitFor();
  expect(await alices.request('blocking/list', {})).toEqual([]);
  expect(await alices.request('mute/list', {})).toEqual([]);
  expect(await alices.request('renote-mute/list', {})).toEqual([]);
  await alices.request('users/lists/delete', { listId });
});

it('creates a list, adds and removes members, receives their notes live, renames, publishes and deletes it', { timeout: 60_000 }, async () => {
  const alices = server.client(alice.token);
  await server.client(carol.token).request('notes/create', { text: 'Carol before the list' });
  await go(a.page, '/lists');
  await a.page.getByLabel('Name').fill('Citrus people');
  await a.page.getByRole('button', { name: 'Create list' }).click();
  await a.page.locator('.list-index').getByRole('link', { name: 'Citrus people' }).click();
  await a.page.getByRole('heading', { name: 'Citrus people' }).waitFor();
  const listId = new URL(a.page.url()).pathname.split('/').pop()!;

  // A username that does not exist is refused in words.
  await a.page.getByLabel('Username to add').fill('@nobody-here');
  await a.page.getByRole('button', { name: 'Add member' }).click();
  await a.page.locator('.error', { hasText: 'NO_SUCH_USER' }).waitFor();
  await a.page.getByLabel('Username to add').fill('@carol');
  await a.page.getByRole('button', { name: 'Add member' }).click();
  await a.page.locator('.list-members .user-row', { hasText: '@carol' }).waitFor();
  await a.page.getByLabel('Username to add').fill('bob');
  await a.page.getByRole('button', { name: 'Add member' }).click();
  await a.page.locator('.list-members .user-row', { hasText: '@bob' }).waitFor();
  expect(new Set((await alices.request('users/lists/show', { listId })).userIds)).toEqual(new Set([carol.id, bob.id]));

  // Bob posts: it arrives on Alice's open list page through the stream, not by asking again.
  await a.page.locator('.note-list .note', { hasText: 'Carol before the list' }).waitFor();
  await a.page.waitForLoadState('networkidle');
  let timelineCalls = 0;
  const count = (request: { url(): string }) => { if (request.url().endsWith('/api/notes/user-list-timeline')) timelineCalls++; };
  a.page.on('request', count);
  await server.client(bob.token).request('notes/create', { text: 'Bob on the list timeline' });
  await a.page.locator('.note-list .note', { hasText: 'Bob on the list timeline' }).waitFor();
  a.page.off('request', count);
  expect(timelineCalls).toBe(0);

  await a.page.locator('.list-members .user-row', { hasText: '@bob' }).getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => a.page.locator('.list-members .user-row').count()).toBe(1);
  expect((await alices.request('users/lists/show', { listId })).userIds).toEqual([carol.id]);

  await a.page.getByLabel('List name').fill('Citrus folks');
  await a.page.getByRole('button', { name: 'Rename' }).click();
  await a.page.getByRole('heading', { name: 'Citrus folks' }).waitFor();
  await a.page.getByLabel('Public').check();
  await expect.poll(async () => (await alices.request('users/lists/show', { listId })).isPublic).toBe(true);
  expect((await alices.request('users/lists/show', { listId })).name).toBe('Citrus folks');

  await a.page.getByRole('button', { name: 'Delete list…' }).click();
  await a.page.getByRole('button', { name: 'Yes, delete it' }).click();
  await a.page.waitForURL(`${server.url}/lists`);
  await a.page.getByText('No lists yet.').waitFor();
  expect(await alices.request('users/lists/list', {})).toEqual([]);
});

it('lists favourite notes', { timeout: 30_000 }, async () => {
  const { createdNote } = await server.client(carol.token).request('notes/create', { text: 'Worth keeping' });
  await server.client(alice.token).request('notes/favorites/create', { noteId: createdNote.id });
  await a.page.getByRole('link', { name: 'Favorites' }).click();
  await a.page.locator('.favorites .note', { hasText: 'Worth keeping' }).waitFor();
  await server.client(alice.token).request('notes/favorites/delete', { noteId: createdNote.id });
  await a.page.reload();
  await a.page.getByText('No favorites yet.').waitFor();
});
