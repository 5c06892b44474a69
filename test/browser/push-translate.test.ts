import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { swSubscriptions } from '../../src/db/schema/index.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Translation in the web client (second test): the control panel's Translation page and a note's
// Translate button, against a loopback DeepL.
// Push notifications in the web client: the settings page registers the service worker /sw.js,
// which shows Misskey's push payloads. Headless Chromium has no push service to subscribe with
// (it would be Google's FCM, which needs network and API keys), so the test hands the worker a
// push message through DevTools (ServiceWorker.deliverPushMessage), as a push service would, and
// checks what the subscribe button does without one.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
});

it('registers /sw.js, shows a pushed notification, closes it on readAllNotifications', { timeout: 120_000 }, async () => {
  void browser;
  const { context, page, problems } = await suite.signedIn('alice');
  await context.grantPermissions(['notifications'], { origin: server.url });
  await page.getByRole('link', { name: 'Push notifications' }).click();
  await page.getByTestId('push-state').filter({ hasText: 'This browser does not receive your notifications.' }).waitFor();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${server.url}/sw.js`);

  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const id = await registrationId;
  const shown = () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })));

  const notification = { id: 'n1', type: 'mention', createdAt: new Date().toISOString(), user: { id: 'u1', username: 'bob', name: 'Bob' }, note: { id: 'note1', text: 'hello @alice' } };
  const deliver = () => cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: id, data: JSON.stringify({ type: 'notification', body: notification, userId: alice.id, dateTime: Date.now() }) });
  // The worker must be active to receive it; under load a message sent while it starts can be lost,
  // so it is sent again while nothing shows (the tag makes a repeat replace, not add).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await deliver();
  await expect.poll(async () => {
    const now = await shown();
    if (now.length === 0) await deliver();
    return now;
  }, { timeout: 30_000 }).toEqual([{ title: 'Bob mentioned you', body: 'hello @alice', tag: 'n1' }]);

  await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: id, data: JSON.stringify({ type: 'readAllNotifications', userId: alice.id, dateTime: Date.now() }) });
  await expect.poll(shown, { timeout: 30_000 }).toEqual([]);

  // Subscribing needs the browser's push service, which headless Chromium here does not reach: the
  // page says so and nothing is registered.
  await page.getByRole('button', { name: 'Turn on push notifications' }).click();
  await page.locator('.error, [role="alert"]').first().waitFor();
  expect(await server.ctx.db.select().from(swSubscriptions).where(eq(swSubscriptions.userId, alice.id))).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

it('configures a translator in the control panel and translates a note from its Translate button', { timeout: 120_000 }, async () => {
  // A loopback server speaking DeepL's API.
  const deepl = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      if (request.url !== '/v2/translate' || request.headers.authorization !== 'DeepL-Auth-Key browser-key') return response.writeHead(403).end();
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ translations: [{ detected_source_language: 'DE', text: `(${new URLSearchParams(body).get('target_lang')}) Good morning` }] }));
    });
  });
  await new Promise<void>((resolve) => deepl.listen(0, '127.0.0.1', resolve));
  Object.assign(server.ctx.config, { deeplApiUrl: `http://127.0.0.1:${(deepl.address() as AddressInfo).port}`, allowPrivateNetwork: true });
  try {
    await server.createUser({ username: 'admin', password: TEST_PASSWORD, isAdmin: true });
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'Guten Morgen' });
    const { context, page, problems } = await suite.signedIn('admin');
    await page.goto(`${server.url}/admin/translation`);
    await page.getByTestId('translator-available').filter({ hasText: 'off' }).waitFor();
    await page.getByLabel('DeepL API key').fill('browser-key');
    await page.getByRole('button', { name: 'Save translation settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: translation is on.' }).waitFor();
    expect(server.ctx.meta.get().deeplAuthKey).toBe('browser-key');

    await page.goto(`${server.url}/notes/${createdNote.id}`);
    const note = page.locator(`[data-note-id="${createdNote.id}"]`).first();
    await note.getByRole('button', { name: 'Translate' }).click();
    const translation = note.getByTestId('note-translation');
    await translation.waitFor();
    expect(await translation.textContent()).toContain('Translated from DE');
    expect(await translation.textContent()).toContain('Good morning');
    expect(problems).toEqual([]);
    await context.close();
  } finally {
    await new Promise((resolve) => { deepl.closeAllConnections(); deepl.close(resolve); });
  }
});
