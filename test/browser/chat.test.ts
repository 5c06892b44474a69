import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

// Chat in the web client: two browsers, one conversation. Alice sends; Bob, with the conversation
// open, sees the message arrive without reloading, and his answer reaches Alice the same way.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  await server.client(alice.token).request('i/update', { chatScope: 'everyone' });
  await server.client(bob.token).request('i/update', { chatScope: 'everyone' });
});

it('two browsers chat live: each sees the other\'s message arrive without a reload', { timeout: 120_000 }, async () => {
  const a = await openClient(browser, server);
  const b = await openClient(browser, server);
  await a.page.goto(`${server.url}/signin`);
  await submitSignIn(a.page, 'alice', TEST_PASSWORD);
  await a.page.waitForURL(`${server.url}/`);
  await b.page.goto(`${server.url}/signin`);
  await submitSignIn(b.page, 'bob', TEST_PASSWORD);
  await b.page.waitForURL(`${server.url}/`);

  // Alice opens a conversation with Bob from the Chat page.
  await a.page.getByRole('link', { name: 'Chat' }).click();
  await a.page.getByLabel('Chat with').fill('bob');
  await a.page.getByRole('button', { name: 'Open' }).click();
  await a.page.waitForURL(`${server.url}/chat/user/${bob.id}`);

  // Bob opens his side before anything is sent.
  await b.page.goto(`${server.url}/chat/user/${alice.id}`);
  await b.page.getByRole('button', { name: 'Send' }).waitFor();
  const bobMessages = b.page.getByRole('list', { name: 'Messages' });
  expect(await bobMessages.locator('.chat-message').count()).toBe(0);
  await b.page.waitForTimeout(500);

  await a.page.getByRole('textbox', { name: 'Message' }).fill('Hello from Alice');
  await a.page.getByRole('button', { name: 'Send' }).click();
  await a.page.locator('.chat-message', { hasText: 'Hello from Alice' }).waitFor();
  // Bob never reloads: the chatUser channel brings it.
  await bobMessages.locator('.chat-message', { hasText: 'Hello from Alice' }).waitFor();

  await b.page.getByRole('textbox', { name: 'Message' }).fill('Hi Alice, got it');
  await b.page.getByRole('button', { name: 'Send' }).click();
  await a.page.locator('.chat-message', { hasText: 'Hi Alice, got it' }).waitFor();
  expect(await a.page.locator('.chat-message').count()).toBe(2);

  // Bob had the conversation open: what arrived is read.
  await expect.poll(async () => (await server.client(bob.token).request('i', {})).hasUnreadChatMessages).toBe(false);

  // Deleting reaches the other side live too.
  await a.page.locator('.chat-message', { hasText: 'Hello from Alice' }).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => bobMessages.locator('.chat-message').count()).toBe(1);

  // The Chat page lists the conversation.
  await b.page.getByRole('link', { name: 'Chat', exact: true }).first().click();
  await b.page.locator('.chat-conversation', { hasText: 'alice' }).waitFor();

  // Away from the conversation, a new message lights the Chat link's unread dot live; Mark all read clears it.
  const chatLink = b.page.locator('nav.site-nav').getByRole('link', { name: /^Chat/ });
  expect(await chatLink.locator('.dot').count()).toBe(0);
  await server.client(alice.token).request('chat/messages/create-to-user', { toUserId: bob.id, text: 'one more' });
  await chatLink.locator('.dot').waitFor();
  await b.page.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(() => chatLink.locator('.dot').count()).toBe(0);
  expect((await server.client(bob.token).request('i', {})).hasUnreadChatMessages).toBe(false);

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});
