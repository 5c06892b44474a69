// Plain fetch against `mikan test-server` started from the command line:
//   npx mikan test-server --fixtures examples/fixtures.yaml -- node --test examples/fetch.test.mjs
// The command sets MISSKEY_ORIGIN, MISSKEY_TOKEN and MISSKEY_FIXTURES for the suite.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

const origin = process.env.MISSKEY_ORIGIN;
const adminToken = process.env.MISSKEY_TOKEN;
const fixtures = JSON.parse(process.env.MISSKEY_FIXTURES ?? '{}');
if (!origin) throw new Error('run under `mikan test-server -- ...`, which sets MISSKEY_ORIGIN');

async function call(endpoint, body = {}, token = adminToken) {
  const response = await fetch(`${origin}/api/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, i: token }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

beforeEach(async () => {
  assert.equal((await call('reset-db')).status, 204);
});

test('the administrator token works', async () => {
  const { status, body } = await call('i');
  assert.equal(status, 200);
  assert.equal(body.isAdmin, true);
});

test('fixtures are there by name', async () => {
  const { body } = await call('notes/show', { noteId: fixtures.notes.answer.id });
  assert.equal(body.replyId, fixtures.notes.welcome.id);
  assert.equal(body.user.username, 'bob');
});

test('bad input is a Misskey error, not a crash', async () => {
  const { status, body } = await call('notes/create', { visibility: 'nonsense' }, fixtures.users.alice.token);
  assert.equal(status, 400);
  assert.equal(body.error.code, 'INVALID_PARAM');
});

test('a snapshot taken mid-suite can be restored', async () => {
  await call('notes/create', { text: 'kept' }, fixtures.users.alice.token);
  assert.equal((await call('_test/snapshot', { name: 'with_kept' })).status, 204);
  await call('notes/create', { text: 'dropped' }, fixtures.users.alice.token);
  assert.equal((await call('_test/restore', { name: 'with_kept' })).status, 204);
  const { body } = await call('users/notes', { userId: fixtures.users.alice.id });
  assert.deepEqual(body.map((note) => note.text).sort(), ['Welcome to the test server', 'kept']);
});
