import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { topics } from '../../src/bus/topics.js';
import { createUsers, errors, expectApiError, post } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

const notesCount = async (token: string) => (await server.client(token).request('i', {})).notesCount;
const exists = async (id: string) => (await server.ctx.database.pool.query('SELECT 1 FROM notes WHERE id = $1', [id])).rowCount === 1;

describe('notes/delete', () => {
  it('deletes own notes with replies, renotes and quotes recursively, keeping every count exact', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const parent = await post(server, carol, { text: 'parent' });
    const note = await post(server, alice, { text: 'doomed', replyId: parent.id });
    const reply = await post(server, bob, { text: 'reply', replyId: note.id });
    const replyToReply = await post(server, carol, { text: 'deeper', replyId: reply.id });
    const renote = await post(server, bob, { renoteId: note.id });
    const quote = await post(server, carol, { text: 'quote', renoteId: note.id });
    const renoteOfQuote = await post(server, bob, { renoteId: quote.id });
    const survivor = await post(server, bob, { text: 'survives' });
    // A note in the tree that renotes a note outside it: that note's renoteCount must drop.
    const outside = await post(server, carol, { text: 'outside' });
    const quoteOutside = await post(server, bob, { text: 'quotes outside', renoteId: outside.id, replyId: note.id });
    expect((await server.client().request('notes/show', { noteId: outside.id })).renoteCount).toBe(1);
    await server.client(alice.token).request('notes/reactions/create', { noteId: note.id, reaction: '👍' }).catch(() => undefined);

    const deletedEvents: string[] = [];
    for (const id of [note.id, reply.id, quote.id]) {
      server.ctx.bus.subscribe(topics.note(id), (message: any) => { if (message.type === 'deleted') deletedEvents.push(id); });
    }
    const before = { alice: await notesCount(alice.token), bob: await notesCount(bob.token), carol: await notesCount(carol.token) };
    await server.client(alice.token).request('notes/delete', { noteId: note.id });

    for (const id of [note.id, reply.id, replyToReply.id, renote.id, quote.id, renoteOfQuote.id, quoteOutside.id]) expect(await exists(id)).toBe(false);
    expect(await exists(survivor.id)).toBe(true);
    expect(await notesCount(alice.token)).toBe(before.alice - 1);
    expect(await notesCount(bob.token)).toBe(before.bob - 4);
    expect(await notesCount(carol.token)).toBe(before.carol - 2);
    expect((await server.client().request('notes/show', { noteId: parent.id })).repliesCount).toBe(0);
    expect((await server.client().request('notes/show', { noteId: outside.id })).renoteCount).toBe(0);
    await expectApiError(server.client().request('notes/show', { noteId: note.id }), errors.show.noSuchNote);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deletedEvents.sort()).toEqual([note.id, reply.id, quote.id].sort());
  });

  it('replies and renotes racing the deletion of their target: each is deleted with it and counted, or refused as missing; never a 500', async () => {
    const [alice, bob] = await createUsers(server, 2);
    for (let round = 0; round < 3; round++) {
      const target = await post(server, alice, { text: `target ${round}` });
      const child = await post(server, bob, { text: 'child', replyId: target.id });
      const bobClient = server.client(bob.token);
      const attempts = Array.from({ length: 8 }, (_, i) => bobClient.request('notes/create', i % 3 === 0 ? { renoteId: target.id } : { text: `racer ${i}`, replyId: i % 2 ? child.id : target.id })
        .then(() => 'posted', (error) => error.code as string));
      const deletion = server.client(alice.token).request('notes/delete', { noteId: target.id });
      const outcomes = await Promise.all(attempts);
      await deletion;
      for (const outcome of outcomes) expect(['posted', 'NO_SUCH_REPLY_TARGET', 'NO_SUCH_RENOTE_TARGET']).toContain(outcome);
    }
    const { rows: [counts] } = await server.ctx.database.pool.query(
      `SELECT u.notes_count AS stored, (SELECT count(*) FROM notes n WHERE n.user_id = u.id)::int AS rows FROM users u WHERE u.id = $1`, [bob.id]);
    expect(counts.stored).toBe(counts.rows);
  });

  it('renoteCount drops only when the user\'s last renote goes', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const note = await post(server, alice, { text: 'x' });
    const first = await post(server, bob, { renoteId: note.id });
    const second = await post(server, bob, { renoteId: note.id });
    expect((await server.client().request('notes/show', { noteId: note.id })).renoteCount).toBe(1);
    await server.client(bob.token).request('notes/delete', { noteId: first.id });
    expect((await server.client().request('notes/show', { noteId: note.id })).renoteCount).toBe(1);
    await server.client(bob.token).request('notes/delete', { noteId: second.id });
    expect((await server.client().request('notes/show', { noteId: note.id })).renoteCount).toBe(0);
  });

  it('others get ACCESS_DENIED, moderators may delete any note; unknown ids NO_SUCH_NOTE', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const note = await post(server, alice, { text: 'mine' });
    await expectApiError(server.client(bob.token).request('notes/delete', { noteId: note.id }), errors.delete.accessDenied);
    await expectApiError(server.client(bob.token).request('notes/delete', { noteId: 'aaaaaaaaaaaaaaaa' }), errors.delete.noSuchNote);
    await expectApiError(server.client().request('notes/delete', { noteId: note.id }), errors.credentialRequired);
    const readOnly = await server.createAppToken(alice.id, ['read:account']);
    await expectApiError(server.client(readOnly).request('notes/delete', { noteId: note.id }), errors.permissionDenied);
    const mod = await server.createUser();
    await server.ctx.database.pool.query('UPDATE users SET is_moderator = true WHERE id = $1', [mod.id]);
    await server.client(mod.token).request('notes/delete', { noteId: note.id });
    expect(await exists(note.id)).toBe(false);
  });
});

describe('notes/unrenote', () => {
  it('deletes all of your renotes of a note', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const note = await post(server, alice, { text: 'x' });
    const r1 = await post(server, bob, { renoteId: note.id });
    const r2 = await post(server, bob, { renoteId: note.id });
    const others = await post(server, alice, { renoteId: note.id });
    await server.client(bob.token).request('notes/unrenote', { noteId: note.id });
    expect(await exists(r1.id)).toBe(false);
    expect(await exists(r2.id)).toBe(false);
    expect(await exists(others.id)).toBe(true);
    expect((await server.client().request('notes/show', { noteId: note.id })).renoteCount).toBe(1);
    await expectApiError(server.client(bob.token).request('notes/unrenote', { noteId: 'aaaaaaaaaaaaaaaa' }), errors.unrenote.noSuchNote);
    const readOnly = await server.createAppToken(bob.id, ['read:account']);
    await expectApiError(server.client(readOnly).request('notes/unrenote', { noteId: note.id }), errors.permissionDenied);
  });

  it('deletes a thread of more than 65,535 descendants (PostgreSQL\'s bind parameter limit) in one call', async () => {
    const [author, replier] = await createUsers(server, 2);
    const root = await post(server, author, { text: 'a famous note' });
    const chainHead = await post(server, replier, { text: 'a reply', replyId: root.id });
    // Seeded in SQL to stay fast: 70,000 direct replies to the root plus a chain of 100 under one reply.
    // Ids share the root's time prefix so they sort after it; the suffix makes them unique.
    await server.ctx.database.pool.query(`
      INSERT INTO notes (id, user_id, reply_id, visibility, text)
      SELECT substr($1, 1, 8) || lpad(to_hex(g), 8, '0'), $2, $1, 'public', 'seeded'
      FROM generate_series(1, 70000) AS g`, [root.id, replier.id]);
    await server.ctx.database.pool.query(`
      WITH RECURSIVE chain(n, id, parent) AS (
        SELECT 1, substr($1, 1, 8) || 'c' || lpad(to_hex(1), 7, '0'), $1::varchar
        UNION ALL
        SELECT n + 1, substr($1, 1, 8) || 'c' || lpad(to_hex(n + 1), 7, '0'), id FROM chain WHERE n < 100
      )
      INSERT INTO notes (id, user_id, reply_id, visibility, text) SELECT id, $2, parent, 'public', 'chained' FROM chain`, [chainHead.id, author.id]);
    await server.ctx.database.pool.query('UPDATE users SET notes_count = notes_count + 70000 WHERE id = $1', [replier.id]);
    await server.ctx.database.pool.query('UPDATE users SET notes_count = notes_count + 100 WHERE id = $1', [author.id]);

    await server.client(author.token).request('notes/delete', { noteId: root.id });
    const left = await server.ctx.database.pool.query('SELECT count(*)::int AS n FROM notes WHERE user_id = ANY($1)', [[author.id, replier.id]]);
    expect(left.rows[0].n).toBe(0);
    expect(await notesCount(author.token)).toBe(0);
    expect(await notesCount(replier.token)).toBe(0);
  }, 120_000);
});
