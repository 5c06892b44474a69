import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite, type ClientSession } from './web-client.js';

// Settings in the web client: the settings index, the profile (text, fields, pictures uploaded to
// the drive), privacy, muted words and people, notification sources, and a client preference kept
// in i/registry. One browser, signed in once; what the server stored is checked through misskey-js.
let server: TestServer;
type User = Awaited<ReturnType<TestServer['createUser']>>;
let erin: User;
let frank: User;
let s: ClientSession;

// A 1×1 orange PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==', 'base64');

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  erin = await server.createUser({ username: 'erin', password: TEST_PASSWORD });
  frank = await server.createUser({ username: 'frank' });
  s = await suite.signedIn('erin');
}, 120_000);
afterAll(async () => {
  expect(s.problems).toEqual([]);
  await s.context.close();
});

const me = () => server.client(erin.token).request('i', {});

it('links every settings page from the settings index', { timeout: 30_000 }, async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  const hrefs = await page.locator('.settings-index a').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  for (const path of ['profile', 'privacy', 'mute-block', 'notifications', 'email', 'push', 'security', 'account', 'avatar-decorations', 'import-export', 'api', 'apps', 'webhooks']) {
    expect(hrefs).toContain(`/settings/${path}`);
  }
});

it('edits the profile: text, fields, facts, flags, avatar and banner; the profile page shows them', { timeout: 60_000 }, async () => {
  const { page } = s;
  await page.goto(`${server.url}/settings`);
  await page.locator('.settings-index').getByRole('link', { name: /^Profile/ }).click();
  await page.getByRole('heading', { name: 'Profile' }).waitFor();
  await page.getByLabel('Display name').fill('Erin :mikan:');
  await page.getByLabel('Bio').fill('Hello **world**');
  await expect.poll(() => page.getByTestId('bio-remaining').textContent()).toBe('1485 characters left');
  // Too long: the count goes negative and Save is refused before the server is asked.
  await page.getByLabel('Bio').fill('x'.repeat(1501));
  await expect.poll(() => page.getByTestId('bio-remaining').textContent()).toBe('-1 characters left');
  expect(await page.getByRole('button', { name: 'Save profile' }).isDisabled()).toBe(true);
  await page.getByLabel('Bio').fill('Hello **world**');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel('Field 1 label').fill('Web');
  await page.getByLabel('Field 1 content').fill('https://erin.example/');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel('Field 2 label').fill('Likes');
  await page.getByLabel('Field 2 content').fill('tea');
  await page.getByLabel('Birthday').fill('1995-12-24');
  await page.getByLabel('Location').fill('Matsuyama');
  await page.locator('main').getByLabel('Language').selectOption('ja-JP');
  await page.getByLabel('Approve followers').check();
  await page.getByLabel('This is a cat').check();
  await page.getByLabel('Show this account in the explore page').uncheck();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved.').waitFor();
  expect(await me()).toMatchObject({
    name: 'Erin :mikan:', description: 'Hello **world**', birthday: '1995-12-24', location: 'Matsuyama', lang: 'ja-JP',
    isLocked: true, isCat: true, isBot: false, isExplorable: false,
    fields: [{ name: 'Web', value: 'https://erin.example/' }, { name: 'Likes', value: 'tea' }],
  });

  // Sixteen fields at most.
  for (let i = 3; i <= 16; i++) await page.getByRole('button', { name: 'Add field' }).click();
  expect(await page.getByRole('button', { name: 'Add field' }).isDisabled()).toBe(true);
  await page.reload();
  await page.getByLabel('Field 2 content').waitFor();
  expect(await page.getByLabel('Field 3 content').count()).toBe(0);

  // Pictures: uploaded to the drive, then set with i/update.
  await page.getByTestId('avatar-file').setInputFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Remove avatar' }).waitFor();
  await page.getByTestId('banner-file').setInputFiles({ name: 'banner.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Remove banner' }).waitFor();
  const stored = await me();
  expect(stored.avatarId).not.toBeNull();
  expect(stored.bannerId).not.toBeNull();
  const files = await server.client(erin.token).request('drive/files', {});
  // (The same picture twice is one drive file: the drive keeps one copy of identical content.)
  expect(files.map((f) => f.id)).toContain(stored.avatarId);
  expect(files.map((f) => f.id)).toContain(stored.bannerId);

  await page.goto(`${server.url}/@erin`);
  await page.getByRole('heading', { name: 'Erin :mikan:' }).waitFor();
  expect(await page.getByTestId('profile-banner').getAttribute('src')).toBe(stored.bannerUrl);
  expect(await page.locator('.profile-description strong, .profile-description b').first().textContent()).toBe('world');
  expect(await page.locator('.profile-facts').textContent()).toContain('December 24, 1995');
  await page.locator('.profile .badge', { hasText: 'Locked' }).waitFor();
  await page.getByRole('link', { name: 'Edit profile' }).waitFor();

  await page.goto(`${server.url}/settings/profile`);
  await page.getByRole('button', { name: 'Remove banner' }).click();
  await page.getByRole('button', { name: 'Change banner' }).waitFor();
  await expect.poll(async () => (await me()).bannerId).toBeNull();
});

it('saves privacy settings, including older notes by period and by date', { timeout: 30_000 }, async () => {
  const { page } = s;
  await page.goto(`${server.url}/settings/privacy`);
  await page.getByLabel('Who can see whom I follow').selectOption('followers');
  await page.getByLabel('Who can see my followers').selectOption('private');
  await page.getByLabel('Hide my online status').check();
  await page.getByLabel('Ask search engines not to index').check();
  await page.getByLabel('Ask AI crawlers not to learn').uncheck();
  await page.getByLabel('Accept follow requests from accounts I follow').check();
  await page.getByLabel('Only signed-in visitors may see my notes').check();
  await page.getByLabel('Hide older notes').selectOption({ label: 'Older than a week' });
  await page.getByLabel('Make older notes followers-only').selectOption({ label: 'Posted before a date…' });
  await page.getByLabel('Followers-only before').fill('2020-01-02');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Privacy settings saved.').waitFor();
  const stored = await me();
  expect(stored).toMatchObject({
    followingVisibility: 'followers', followersVisibility: 'private', hideOnlineStatus: true, noCrawle: true,
    preventAiLearning: false, autoAcceptFollowed: true, requireSigninToViewContents: true, makeNotesHiddenBefore: -7 * 86400,
  });
  // Midnight of that day where the browser is.
  const midnight = await page.evaluate(() => Math.floor(new Date('2020-01-02T00:00:00').getTime() / 1000));
  expect(stored.makeNotesFollowersOnlyBefore).toBe(midnight);

  // What was saved is what the page shows again.
  await page.reload();
  await expect.poll(() => page.getByLabel('Who can see my followers').inputValue()).toBe('private');
  expect(await page.getByLabel('Hide older notes').inputValue()).toBe(String(-7 * 86400));
  expect(await page.getByLabel('Followers-only before').inputValue()).toBe('2020-01-02');
  await page.getByLabel('Hide older notes').selectOption({ label: 'Off' });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Privacy settings saved.').waitFor();
  // Off: null, or left out of the entity (misskey-js types it optional).
  expect((await me()).makeNotesHiddenBefore ?? null).toBeNull();
  expect((await me()).makeNotesFollowersOnlyBefore).toBe(midnight);
});

it('saves muted words (AND rules and regular expressions), refuses a broken one, and undoes mutes and blocks', { timeout: 40_000 }, async () => {
  const { page } = s;
  const erins = server.client(erin.token);
  const gina = await server.createUser({ username: 'gina' });
  await erins.request('mute/create', { userId: frank.id });
  await erins.request('blocking/create', { userId: gina.id });
  await erins.request('renote-mute/create', { userId: frank.id });

  await page.goto(`${server.url}/settings/mute-block`);
  await page.getByLabel('Muted words (the note is folded away)').fill('orange juice\n/mik(a|e)n/i\n');
  await page.getByLabel('Hard-muted words').fill('durian');
  await page.getByRole('button', { name: 'Save words' }).click();
  await page.getByText('Muted words saved.').waitFor();
  expect(await me()).toMatchObject({ mutedWords: [['orange', 'juice'], '/mik(a|e)n/i'], hardMutedWords: [['durian']] });

  await page.getByLabel('Hard-muted words').fill('/([/');
  await page.getByRole('button', { name: 'Save words' }).click();
  await page.locator('.error', { hasText: 'INVALID_REGEXP' }).waitFor();
  expect((await me()).hardMutedWords).toEqual([['durian']]);

  await page.locator('.muted-users .user-row', { hasText: '@frank' }).getByRole('button', { name: 'Unmute' }).click();
  await page.getByRole('heading', { name: 'Muted people' }).locator('xpath=..').getByText('Nobody.').waitFor();
  await page.locator('.blocked-users .user-row', { hasText: '@gina' }).getByRole('button', { name: 'Unblock' }).click();
  await page.getByRole('heading', { name: 'Blocked people' }).locator('xpath=..').getByText('Nobody.').waitFor();
  await page.locator('.renote-muted-users .user-row', { hasText: '@frank' }).getByRole('button', { name: 'Unmute renotes' }).click();
  await page.getByRole('heading', { name: 'Renotes muted' }).locator('xpath=..').getByText('Nobody.').waitFor();
  expect(await erins.request('mute/list', {})).toEqual([]);
  expect(await erins.request('blocking/list', {})).toEqual([]);
  expect(await erins.request('renote-mute/list', {})).toEqual([]);

  // The words act on notes: muted ones are folded (and can be shown), hard-muted ones are not shown.
  const hal = await server.createUser({ username: 'hal' });
  await erins.request('following/create', { userId: hal.id });
  const hals = server.client(hal.token);
  await hals.request('notes/create', { text: 'A plain note from hal' });
  await hals.request('notes/create', { text: 'Fresh Orange juice today' });
  await hals.request('notes/create', { text: 'MIKEN is a word' });
  await hals.request('notes/create', { text: 'I love durian' });
  await page.goto(`${server.url}/`);
  await page.locator('.note', { hasText: 'A plain note from hal' }).waitFor();
  expect(await page.locator('.note-muted').count()).toBe(2);
  expect(await page.getByText('Fresh Orange juice today').count()).toBe(0);
  expect(await page.getByText('I love durian').count()).toBe(0);
  await page.locator('.note-muted').first().getByRole('button', { name: 'Show it' }).click();
  await page.getByText('MIKEN is a word').waitFor();
  const { createdNote: own } = await erins.request('notes/create', { text: 'My own durian is never hidden from me' });
  await page.reload();
  await page.getByText('My own durian is never hidden from me').waitFor();
  await erins.request('notes/delete', { noteId: own.id }); // erin's profile stays empty for the tests below
});

it('chooses whose notifications arrive, per type, including a list', { timeout: 30_000 }, async () => {
  const { page } = s;
  const list = await server.client(erin.token).request('users/lists/create', { name: 'Close friends' });
  // A type the page does not list keeps its rule.
  await server.client(erin.token).request('i/update', { notificationRecieveConfig: { test: { type: 'never' }, reaction: { type: 'following' } } });
  await page.goto(`${server.url}/settings/notifications`);
  await expect.poll(() => page.getByLabel('Reactions', { exact: true }).inputValue()).toBe('following');
  await page.getByLabel('Reactions', { exact: true }).selectOption('never');
  await page.getByLabel('Mentions', { exact: true }).selectOption('mutualFollow');
  await page.getByLabel('Follow requests', { exact: true }).selectOption('list');
  // A list source without a list is refused before anything is sent.
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Choose a list for every type').waitFor();
  await page.getByLabel('Follow requests: list').selectOption({ label: 'Close friends' });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Notification settings saved.').waitFor();
  expect((await me()).notificationRecieveConfig).toEqual({
    reaction: { type: 'never' }, mention: { type: 'mutualFollow' }, receiveFollowRequest: { type: 'list', userListId: list.id }, test: { type: 'never' },
  });
  await page.reload();
  await expect.poll(() => page.getByLabel('Reactions', { exact: true }).inputValue()).toBe('never');
});

it('keeps "Show renotes" on profiles in the registry, so it follows the user', { timeout: 30_000 }, async () => {
  const { page } = s;
  const { createdNote } = await server.client(frank.token).request('notes/create', { text: 'Frank writes something' });
  await server.client(erin.token).request('notes/create', { renoteId: createdNote.id });
  await page.goto(`${server.url}/@erin`);
  await page.locator('.note-list .note', { hasText: 'Frank writes something' }).waitFor();
  await page.getByLabel('Show renotes').uncheck();
  await expect.poll(() => page.locator('.note-list .note', { hasText: 'Frank writes something' }).count()).toBe(0);
  await expect.poll(() => server.client(erin.token).request('i/registry/get', { scope: ['client', 'mikan'], key: 'profile.withRenotes' })).toBe(false);
  await page.reload();
  await page.getByText('has not posted anything you can see here').waitFor();
  expect(await page.getByLabel('Show renotes').isChecked()).toBe(false);
  await page.getByLabel('Show renotes').check();
  await page.locator('.note-list .note', { hasText: 'Frank writes something' }).waitFor();
});
