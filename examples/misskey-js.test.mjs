// A misskey-js suite against Mikan started as a library (node --test; Node 24).
//   node --test examples/misskey-js.test.mjs
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from 'misskey-js';
import { startTestServer } from 'mikan';

let server;
before(async () => {
  server = await startTestServer({
    fixtures: { users: { alice: {}, bob: {} }, follows: [['bob', 'alice']], notes: { hello: { user: 'alice', text: 'hello' } } },
  });
});
after(() => server.close());
// Back to the seed (administrator + fixtures) before every test.
beforeEach(() => server.resetDb());

const as = (name) => new api.APIClient({ origin: server.origin, credential: server.fixtures.users[name].token });

test('bob sees alice\'s note on his home timeline', async () => {
  const timeline = await as('bob').request('notes/timeline', {});
  assert.deepEqual(timeline.map((note) => note.id), [server.fixtures.notes.hello.id]);
});

test('a note created in one test is gone in the next (1/2)', async () => {
  await as('alice').request('notes/create', { text: 'temporary' });
  assert.equal((await as('alice').request('users/notes', { userId: server.fixtures.users.alice.id })).length, 2);
});

test('a note created in one test is gone in the next (2/2)', async () => {
  assert.equal((await as('alice').request('users/notes', { userId: server.fixtures.users.alice.id })).length, 1);
});

test('errors come back as misskey-js API errors', async () => {
  await assert.rejects(as('bob').request('notes/show', { noteId: 'nonexistent' }), (error) => error.code === 'NO_SUCH_NOTE');
});

test('polls expire when the server\'s clock is advanced', async () => {
  const { createdNote } = await as('alice').request('notes/create', { text: 'vote', poll: { choices: ['yes', 'no'], expiredAfter: 60_000 } });
  await server.advanceClock(120_000);
  await assert.rejects(as('bob').request('notes/polls/vote', { noteId: createdNote.id, choice: 0 }), (error) => error.code === 'ALREADY_EXPIRED');
});
