import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { buildWebClient } from '../browser/web-client.js';
import { blob, jpegWithExif, upload } from '../drive/helpers.js';
import { crawl, one, type CrawledPage } from './helpers.js';

let server: TestServer;
let alice: { id: string; username: string; token: string };
let bob: { id: string; username: string; token: string };
let quiet: { id: string; username: string; token: string };

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string; page: CrawledPage }> {
  const response = await fetch(server.url + path, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, page: crawl(text) };
}

async function note(token: string, params: Record<string, unknown>): Promise<{ id: string }> {
  const result = await server.client(token).request('notes/create', params as never) as { createdNote: { id: string } };
  return result.createdNote;
}

function expectHtmlHeaders(headers: Headers) {
  expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('content-security-policy')).toContain("script-src 'self'");
}

/** Lighthouse's basics: a title, a description and the document's language. */
function expectBasics(page: CrawledPage) {
  expect(page.title).toBeTruthy();
  expect(one(page, 'description')).toBeTruthy();
  expect(page.lang).toMatch(/^[a-z]{2}/);
  // The client's shell: its script is there to take over.
  expect(page.scripts.some((src) => src.startsWith('/assets/'))).toBe(true);
}

beforeAll(async () => {
  await buildWebClient();
  server = await startTestServer({ rateLimit: false });
  await server.ctx.meta.update({ name: 'Orchard', description: 'An orchard of notes', themeColor: '#123456', langs: ['en'] });
  alice = await server.createUser({ username: 'alice' });
  bob = await server.createUser({ username: 'bob' });
  quiet = await server.createUser({ username: 'quiet' });
  await server.client(alice.token).request('i/update', { name: 'Alice Liddell', description: 'Down the rabbit hole.', lang: 'en-GB' } as never);
  await server.client(quiet.token).request('i/update', { noCrawle: true, preventAiLearning: false } as never);
}, 180_000);

afterAll(async () => { await server?.close(); });

describe('user pages', () => {
  it('/@alice: title, description, lang, OpenGraph, Twitter Card and misskey:* tags, as a crawler reads them', async () => {
    const { status, headers, page } = await get('/@alice');
    expect(status).toBe(200);
    expectHtmlHeaders(headers);
    expectBasics(page);
    expect(page.title).toBe('Alice Liddell (@alice) | Orchard');
    expect(page.lang).toBe('en-GB');
    expect(one(page, 'description')).toBe('Down the rabbit hole.');
    expect(one(page, 'og:title')).toBe('Alice Liddell (@alice)');
    expect(one(page, 'og:description')).toBe('Down the rabbit hole.');
    expect(one(page, 'og:type')).toBe('blog');
    expect(one(page, 'og:url')).toBe(`${server.url}/@alice`);
    expect(one(page, 'og:site_name')).toBe('Orchard');
    expect(one(page, 'og:image')).toBe(`${server.url}/identicon/alice@${new URL(server.url).host}`);
    expect(one(page, 'twitter:card')).toBe('summary');
    expect(one(page, 'misskey:user-username')).toBe('alice');
    expect(one(page, 'misskey:user-id')).toBe(alice.id);
    expect(one(page, 'theme-color')).toBe('#123456');
    // preventAiLearning is on by default (Misskey's default): noimageai and noai, but still indexable.
    expect(page.meta.get('robots')).toEqual(['noimageai', 'noai']);
    const alternates = page.links.filter((link) => link.rel === 'alternate').map((link) => link.type);
    expect(alternates).toEqual(expect.arrayContaining(['application/rss+xml', 'application/atom+xml', 'application/feed+json']));
    expect(page.links.find((link) => link.rel === 'manifest')?.href).toBe('/manifest.json');
  });

  it('noindex when the user asked not to be crawled (noCrawle), and no noai when preventAiLearning is off', async () => {
    const { status, page } = await get('/@quiet');
    expect(status).toBe(200);
    expect(page.meta.get('robots')).toEqual(['noindex']);
    expect(one(page, 'description')).toBe('@quiet on Orchard');
  });

  it('is found case-insensitively and with this host; tabs are the same page', async () => {
    expect((await get('/@ALICE')).status).toBe(200);
    expect((await get(`/@alice@${new URL(server.url).host}`)).status).toBe(200);
    for (const tab of ['notes', 'clips', 'files', 'following']) {
      const { status, page } = await get(`/@alice/${tab}`);
      expect(status).toBe(200);
      expect(one(page, 'misskey:user-id')).toBe(alice.id);
      expect(one(page, 'og:url')).toBe(`${server.url}/@alice/${tab}`);
    }
  });

  it('an unknown user, a remote one, a suspended one, an unknown tab and Pages (not built yet) are real 404 pages', async () => {
    const suspended = await server.createUser({ username: 'gone' });
    await server.ctx.db.execute(`UPDATE users SET is_suspended = true WHERE id = '${suspended.id}'` as never);
    for (const path of ['/@nobody', '/@alice@remote.example', '/@gone', '/@alice/nonsense', '/@alice/pages/about', '/@nobody/notes', '/@bad!name']) {
      const { status, headers, page } = await get(path);
      expect(status, path).toBe(404);
      expectHtmlHeaders(headers);
      expect(page.meta.get('robots'), path).toContain('noindex');
      expect(page.title).toContain('Not found');
      expect(page.lang).toBe('en');
    }
  });

  it('GET /users/:id redirects (302) to /@username; an unknown id is a 404', async () => {
    const found = await get(`/users/${alice.id}`);
    expect(found.status).toBe(302);
    expect(found.headers.get('location')).toBe('/@alice');
    expect((await get('/users/0000000000000000')).status).toBe(404);
  });
});

describe('note pages', () => {
  it('a public note with a picture: the note is the description, the picture the card', async () => {
    const file = await server.client(alice.token).request('drive/files/create', { file: blob(await jpegWithExif(), 'image/jpeg') } as never) as { id: string; url: string };
    const created = await note(alice.token, { text: 'Curiouser and curiouser!', fileIds: [file.id] });
    const { status, headers, page, text } = await get(`/notes/${created.id}`);
    expect(status).toBe(200);
    expectHtmlHeaders(headers);
    expectBasics(page);
    expect(page.title).toBe('Alice Liddell (@alice) | Orchard');
    expect(one(page, 'description')).toBe('Curiouser and curiouser! (📎1)');
    expect(one(page, 'og:description')).toBe('Curiouser and curiouser! (📎1)');
    expect(one(page, 'og:type')).toBe('article');
    expect(one(page, 'og:url')).toBe(`${server.url}/notes/${created.id}`);
    expect(page.meta.get('og:image')).toEqual([file.url]);
    expect(one(page, 'twitter:card')).toBe('summary_large_image');
    expect(one(page, 'twitter:image')).toBe(file.url);
    expect(one(page, 'misskey:note-id')).toBe(created.id);
    expect(one(page, 'misskey:user-id')).toBe(alice.id);
    expect(one(page, 'misskey:user-username')).toBe('alice');
    expect(text).not.toContain('<script>');
  });

  it('a note without pictures shows the avatar; HTML in the text is escaped', async () => {
    const created = await note(bob.token, { text: '<b>"hi"</b> & <script>alert(1)</script>' });
    const { status, page, text } = await get(`/notes/${created.id}`);
    expect(status).toBe(200);
    expect(one(page, 'description')).toBe('<b>"hi"</b> & <script>alert(1)</script>');
    expect(text).not.toContain('<script>alert(1)');
    expect(one(page, 'og:image')).toContain('/identicon/bob@');
    expect(one(page, 'twitter:card')).toBe('summary');
  });

  it('a note behind a content warning shows the warning, not the text', async () => {
    const created = await note(alice.token, { text: 'the secret ending', cw: 'spoilers' });
    const { page, text } = await get(`/notes/${created.id}`);
    expect(one(page, 'description')).toBe('spoilers');
    expect(text).not.toContain('the secret ending');
  });

  it('a home note is public to read; followers-only and direct notes are 404 pages with nothing of them in the HTML', async () => {
    const home = await note(alice.token, { text: 'home sweet home', visibility: 'home' });
    expect((await get(`/notes/${home.id}`)).status).toBe(200);
    for (const params of [
      { text: 'for my followers only: the cake is a lie', visibility: 'followers' },
      { text: 'psst bob: the cake is a lie', visibility: 'specified', visibleUserIds: [bob.id] },
      { text: 'local only: the cake is a lie', localOnly: true },
    ]) {
      const hidden = await note(alice.token, params);
      const { status, headers, page, text } = await get(`/notes/${hidden.id}`);
      expect(status, params.text).toBe(404);
      expectHtmlHeaders(headers);
      expect(text).not.toContain('cake');
      expect(text).not.toContain(alice.id);
      expect(text).not.toContain('Alice');
      expect(page.meta.get('misskey:note-id')).toBeUndefined();
      expect(page.meta.get('misskey:user-id')).toBeUndefined();
      expect(page.meta.get('robots')).toContain('noindex');
    }
    // The same as an id that never existed.
    expect((await get('/notes/0000000000000000')).status).toBe(404);
  });

  it('a pure renote is noindex', async () => {
    const original = await note(bob.token, { text: 'worth sharing' });
    const renote = await note(alice.token, { renoteId: original.id });
    const { status, page } = await get(`/notes/${renote.id}`);
    expect(status).toBe(200);
    expect(page.meta.get('robots')).toContain('noindex');
    expect(one(page, 'description')).toBe('RN: worth sharing');
  });
});

describe('clips, channels and what does not exist yet', () => {
  it('a public clip: its name and description, misskey:clip-id; a private one is a 404', async () => {
    const clip = await server.client(alice.token).request('clips/create', { name: 'Favourite riddles', description: 'Why is a raven like a writing desk?', isPublic: true } as never) as { id: string };
    const { status, headers, page } = await get(`/clips/${clip.id}`);
    expect(status).toBe(200);
    expectHtmlHeaders(headers);
    expectBasics(page);
    expect(page.title).toBe('Favourite riddles | Orchard');
    expect(one(page, 'og:title')).toBe('Favourite riddles');
    expect(one(page, 'description')).toBe('Why is a raven like a writing desk?');
    expect(one(page, 'misskey:clip-id')).toBe(clip.id);
    expect(one(page, 'misskey:user-id')).toBe(alice.id);
    const secret = await server.client(alice.token).request('clips/create', { name: 'Secret clip', isPublic: false } as never) as { id: string };
    const hidden = await get(`/clips/${secret.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('Secret clip');
  });

  it('a channel: its name and description', async () => {
    const channel = await server.client(bob.token).request('channels/create', { name: 'Tea party', description: 'A very merry unbirthday' } as never) as { id: string };
    const { status, page } = await get(`/channels/${channel.id}`);
    expect(status).toBe(200);
    expectBasics(page);
    expect(page.title).toBe('Tea party | Orchard');
    expect(one(page, 'description')).toBe('A very merry unbirthday');
    expect(one(page, 'og:url')).toBe(`${server.url}/channels/${channel.id}`);
    expect((await get('/channels/0000000000000000')).status).toBe(404);
  });

  it('a gallery post: its title and description', async () => {
    const file = await upload(server, bob.token, await jpegWithExif(), { name: 'pond.jpg' });
    const post = await server.client(bob.token).request('gallery/posts/create', { title: 'The pond', description: 'Ducks at dawn', fileIds: [file.id] } as never) as { id: string };
    const { status, page } = await get(`/gallery/${post.id}`);
    expect(status).toBe(200);
    expectBasics(page);
    expect(page.title).toBe('The pond | Orchard');
    expect(one(page, 'description')).toBe('Ducks at dawn');
    expect(one(page, 'og:url')).toBe(`${server.url}/gallery/${post.id}`);
    expect(one(page, 'misskey:gallery-post-id')).toBe(post.id);
  });

  it('an unknown gallery post or Play is a 404 page', async () => {
    for (const path of ['/gallery/0000000000000000', '/play/0000000000000000']) {
      const { status, headers } = await get(path);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });

  it('the instance page and other client routes carry the instance title, description and lang', async () => {
    for (const path of ['/', '/channels', '/signin']) {
      const { status, headers, page } = await get(path);
      expect(status, path).toBe(200);
      expectHtmlHeaders(headers);
      expectBasics(page);
      expect(page.title).toBe('Orchard');
      expect(one(page, 'description')).toBe('An orchard of notes');
      expect(one(page, 'og:site_name')).toBe('Orchard');
    }
  });
});
