import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inArray } from 'drizzle-orm';
import { notes } from '../../src/db/schema/index.js';
import { packNotes } from '../../src/core/notes/pack.js';
import { topics } from '../../src/bus/topics.js';
import { spyOnQueries, startTestServer, type TestServer } from '../harness.js';
import { createUsers, post, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

const notificationsOf = (user: TestUser) => server.client(user.token).request('i/notifications', { markAsRead: false });

describe('note notifications', () => {
  it('mention, reply, renote and quote notify once per person with the note packed; none for yourself', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const note = await post(server, alice, { text: 'original' });
    const mention = await post(server, bob, { text: `hey @${carol.username}` });
    const reply = await post(server, bob, { text: `reply @${alice.username}`, replyId: note.id });
    const renote = await post(server, carol, { renoteId: note.id });
    const quote = await post(server, carol, { text: 'quote', renoteId: note.id });
    await post(server, alice, { text: 'self reply', replyId: note.id });
    await post(server, alice, { text: `self mention @${alice.username}` });

    const forAlice = await notificationsOf(alice);
    expect(forAlice.map((n: any) => [n.type, n.note?.id, n.userId])).toEqual([
      ['quote', quote.id, carol.id],
      ['renote', renote.id, carol.id],
      ['reply', reply.id, bob.id],
    ]);
    const forCarol = await notificationsOf(carol);
    expect(forCarol.map((n: any) => [n.type, n.note?.id])).toEqual([['mention', mention.id]]);
    expect((forCarol[0] as any).note).toMatchObject({ text: `hey @${carol.username}`, user: { id: bob.id } });
  });

  it('none from muted or blocked users', async () => {
    const [alice, muted, blocked] = await createUsers(server, 3);
    await server.client(alice.token).request('mute/create', { userId: muted.id });
    await server.client(alice.token).request('blocking/create', { userId: blocked.id });
    await post(server, muted, { text: `@${alice.username}` });
    await post(server, blocked, { text: `@${alice.username}` });
    expect(await notificationsOf(alice)).toEqual([]);
  });

  it('publishes mention/reply/renote on the recipients\' main streams, packed for them', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const events: any[] = [];
    server.ctx.bus.subscribe(topics.main(alice.id), (message: any) => { if (['mention', 'reply', 'renote'].includes(message.type)) events.push(message); });
    const note = await post(server, alice, { text: 'x' });
    const reply = await post(server, bob, { text: 'r', replyId: note.id });
    const renote = await post(server, bob, { renoteId: note.id });
    await vi.waitFor(() => expect(events.length).toBe(3));
    expect(events.map((e) => [e.type, e.body.id]).sort()).toEqual([['mention', reply.id], ['renote', renote.id], ['reply', reply.id]].sort());
  });
});

describe('packNotes', () => {
  it('costs a fixed number of queries for 100 notes as for 2, with replies, renotes, polls and files', async () => {
    const users = await createUsers(server, 5);
    const [viewer] = users;
    const created: string[] = [];
    const withContent: string[] = [];
    for (let i = 0; i < 100; i++) {
      const author = users[i % users.length]!;
      const target = withContent[withContent.length - 1];
      let params: Record<string, unknown> = { text: `note ${i}` };
      if (target && i % 5 === 1) params = { renoteId: target };
      else if (target && i % 5 === 2) params = { text: `quote ${i}`, renoteId: target };
      else if (target && i % 5 === 3) params = { text: `reply ${i}`, replyId: target };
      else if (i % 5 === 4) params = { text: `poll ${i}`, poll: { choices: ['a', 'b'] } };
      const note = await post(server, author, params);
      created.push(note.id);
      if (note.text != null) withContent.push(note.id);
    }
    const auth = { id: viewer!.id, username: viewer!.username, host: null, isAdmin: false, isModerator: false, isSuspended: false };
    const count = async (noteIds: string[]) => {
      const rows = await server.ctx.db.select().from(notes).where(inArray(notes.id, noteIds));
      const spy = spyOnQueries(server.ctx);
      try {
        const packed = await packNotes(server.ctx, rows, auth);
        return { queries: spy.count(), packed };
      } finally {
        spy.restore();
      }
    };
    const few = await count(created.slice(1, 3));
    const many = await count(created);
    expect(many.packed).toHaveLength(100);
    expect(many.queries).toBeLessThanOrEqual(9);
    expect(many.queries).toBeLessThanOrEqual(few.queries + 2);
    const withRenote = many.packed.find((n) => n.renoteId && n.renote);
    expect(withRenote?.renote?.id).toBe(withRenote?.renoteId);
    expect(many.packed.filter((n) => n.poll).length).toBeGreaterThan(10);
    expect(many.packed.filter((n) => n.reply).length).toBeGreaterThan(10);
  });
});
