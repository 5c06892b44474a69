import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { buildWebClient } from '../browser/web-client.js';
import { crawl, one } from '../open-web/helpers.js';

/** `/@alice/pages/:name`: a public page of a local user is served with its tags; anything else is the 404 page. */
let server: TestServer;
beforeAll(async () => {
  await buildWebClient();
  server = await startTestServer({ rateLimit: false });
}, 180_000);
afterAll(async () => { await server?.close(); });

it('serves a public page with its title, summary and misskey:page-id, and a 404 for private or unknown ones', async () => {
  const alice = await server.createUser();
  const base = { content: [], variables: [], script: '' };
  const page = await server.client(alice.token).request('pages/create', { ...base, title: 'Orchard guide', name: 'guide', summary: 'Apples and pears' });
  await server.client(alice.token).request('pages/create', { ...base, title: 'Diary', name: 'diary', visibility: 'private' });

  const response = await fetch(`${server.url}/@${alice.username}/pages/guide`);
  expect(response.status).toBe(200);
  const crawled = crawl(await response.text());
  expect(crawled.title).toContain('Orchard guide');
  expect(one(crawled, 'description')).toBe('Apples and pears');
  expect(one(crawled, 'misskey:page-id')).toBe(page.id);

  for (const path of [`/@${alice.username}/pages/diary`, `/@${alice.username}/pages/none`, '/@nobody/pages/guide']) {
    expect((await fetch(server.url + path)).status, path).toBe(404);
  }
});
