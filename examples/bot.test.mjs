// The ping bot against `mikan test-server` (run as fetch.test.mjs is, with the fixtures file).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from 'misskey-js';
import { startPingBot } from './ping-bot.mjs';

const origin = process.env.MISSKEY_ORIGIN;
const fixtures = JSON.parse(process.env.MISSKEY_FIXTURES ?? '{}');
if (!origin) throw new Error('run under `mikan test-server -- ...`, which sets MISSKEY_ORIGIN');

let bot;
before(async () => {
  await fetch(`${origin}/api/reset-db`, { method: 'POST' });
  bot = startPingBot({ origin, token: fixtures.users.pingbot.token });
  await bot.connected;
});
after(() => bot.stop());

test('the bot answers a mention', async () => {
  const alice = new api.APIClient({ origin, credential: fixtures.users.alice.token });
  const { createdNote } = await alice.request('notes/create', { text: '@pingbot ping' });
  let replies = [];
  for (let waited = 0; replies.length === 0 && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    replies = await alice.request('notes/replies', { noteId: createdNote.id });
  }
  assert.equal(replies.length, 1);
  assert.equal(replies[0].text, 'pong');
  assert.equal(replies[0].user.username, 'pingbot');
});

test('the bot ignores mentions without "ping"', async () => {
  const alice = new api.APIClient({ origin, credential: fixtures.users.alice.token });
  const { createdNote } = await alice.request('notes/create', { text: '@pingbot hello' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.deepEqual(await alice.request('notes/replies', { noteId: createdNote.id }), []);
});
