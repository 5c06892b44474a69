import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notifications, polls } from '../../src/db/schema/index.js';
import { notifyPollEnded } from '../../src/core/polls/ended.js';
import { promoteJobs } from '../../src/jobs/admin.js';
import { startTestServer, type TestServer } from '../harness.js';
import { captureNoteEvents, createUsers, e, expectApiError, post, unknownId, waitFor, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

const vote = (user: TestUser, noteId: string, choice: number) => server.client(user.token).request('notes/polls/vote', { noteId, choice });
const pollOf = async (user: TestUser, noteId: string) => ((await server.client(user.token).request('notes/show', { noteId })) as any).poll;
const expire = (noteId: string) => server.ctx.db.update(polls).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(polls.noteId, noteId));
const pollEndedOf = async (userId: string) => server.ctx.db.select().from(notifications)
  .where(sql`${notifications.notifieeId} = ${userId} AND ${notifications.type} = 'pollEnded'`);

describe('notes/polls/vote', () => {
  it('counts a vote, marks it as the voter\'s, and tells note subscribers', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'which?', poll: { choices: ['a', 'b', 'c'] } });
    const capture = captureNoteEvents(server, note.id);
    const res = await server.fetch('/api/notes/polls/vote', { json: { i: voter!.token, noteId: note.id, choice: 1 } });
    expect(res.status).toBe(204);
    expect(await pollOf(voter!, note.id)).toMatchObject({
      multiple: false,
      choices: [{ text: 'a', votes: 0, isVoted: false }, { text: 'b', votes: 1, isVoted: true }, { text: 'c', votes: 0, isVoted: false }],
    });
    expect((await pollOf(author!, note.id)).choices[1]).toEqual({ text: 'b', votes: 1, isVoted: false });
    const event = await waitFor(() => capture.events.find((ev) => ev.type === 'pollVoted'));
    expect(event.body).toEqual({ choice: 1, userId: voter!.id });
    capture.stop();
  });

  it('refuses double votes, out-of-range choices and notes without a poll', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'one only', poll: { choices: ['x', 'y'] } });
    await expectApiError(vote(voter!, note.id, 2), e.vote.invalidChoice);
    await expectApiError(vote(voter!, note.id, -1), e.vote.invalidChoice);
    await vote(voter!, note.id, 0);
    await expectApiError(vote(voter!, note.id, 1), e.vote.alreadyVoted);
    await expectApiError(vote(voter!, note.id, 0), e.vote.alreadyVoted);
    expect((await pollOf(author!, note.id)).choices.map((c: any) => c.votes)).toEqual([1, 0]);
    const plain = await post(server, author!, { text: 'no poll here' });
    await expectApiError(vote(voter!, plain.id, 0), e.vote.noPoll);
    await expectApiError(vote(voter!, unknownId, 0), e.vote.noSuchNote);
    await expectApiError(server.client(voter!.token).request('notes/polls/vote', { noteId: note.id, choice: 'a' } as any), e.invalidParam);
  });

  it('allows one vote per choice in a multiple-choice poll', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'many', poll: { choices: ['x', 'y', 'z'], multiple: true } });
    await vote(voter!, note.id, 0);
    await vote(voter!, note.id, 2);
    await expectApiError(vote(voter!, note.id, 2), e.vote.alreadyVoted);
    const poll = await pollOf(voter!, note.id);
    expect(poll.multiple).toBe(true);
    expect(poll.choices.map((c: any) => [c.votes, c.isVoted])).toEqual([[1, true], [0, false], [1, true]]);
  });

  it('refuses expired polls', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'closing', poll: { choices: ['x', 'y'], expiredAfter: 60_000 } });
    await expire(note.id);
    await expectApiError(vote(voter!, note.id, 0), e.vote.alreadyExpired);
  });

  it('refuses blocked users and notes the voter cannot see', async () => {
    const [author, blocked, stranger] = await createUsers(server, 3);
    const note = await post(server, author!, { text: 'poll', poll: { choices: ['x', 'y'] } });
    await server.client(author!.token).request('blocking/create', { userId: blocked!.id });
    await expectApiError(vote(blocked!, note.id, 0), e.vote.youHaveBeenBlocked);
    const hidden = await post(server, author!, { text: 'friends poll', visibility: 'followers', poll: { choices: ['x', 'y'] } });
    await expectApiError(vote(stranger!, hidden.id, 0), e.vote.noSuchNote);
    expect((await pollOf(author!, hidden.id)).choices.map((c: any) => c.votes)).toEqual([0, 0]);
  });

  it('needs a credential with write:votes', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'perm', poll: { choices: ['x', 'y'] } });
    await expectApiError(server.client(null).request('notes/polls/vote', { noteId: note.id, choice: 0 }), e.credentialRequired);
    const wrong = await server.createAppToken(voter!.id, ['write:reactions']);
    await expectApiError(server.client(wrong).request('notes/polls/vote', { noteId: note.id, choice: 0 }), e.permissionDenied);
    const right = await server.createAppToken(voter!.id, ['write:votes']);
    await server.client(right).request('notes/polls/vote', { noteId: note.id, choice: 0 });
  });

  it('keeps counts exact under concurrent votes, and one vote per user in a racing single-choice poll', async () => {
    const [author, racer] = await createUsers(server, 2);
    const voters = await createUsers(server, 30);
    const note = await post(server, author!, { text: 'rush', poll: { choices: ['x', 'y', 'z'] } });
    await Promise.all(voters.map((user, index) => vote(user, note.id, index % 3)));
    expect((await pollOf(author!, note.id)).choices.map((c: any) => c.votes)).toEqual([10, 10, 10]);
    const results = await Promise.allSettled([0, 1, 2, 0, 1].map((choice) => vote(racer!, note.id, choice)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const counts = (await pollOf(author!, note.id)).choices.map((c: any) => c.votes);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(31);
  });
});

describe('pollEnded', () => {
  const jobsOf = async (noteId: string) => (await server.ctx.db.execute<{ state: string; start_after: Date }>(
    sql`SELECT state, start_after FROM pgboss.job WHERE name = 'endedPollNotification' AND singleton_key = ${noteId}`)).rows;
  // The poll's end, now: its job becomes due (admin/queue/promote-jobs does the same).
  const endNow = async (noteId: string) => { await expire(noteId); await promoteJobs(server.ctx, 'endedPollNotification'); };

  it('notifies the author and every voter once when the poll ends (a job scheduled with the note)', async () => {
    const [author, a, b, mutedVoter] = await createUsers(server, 4);
    await server.client(mutedVoter!.token).request('mute/create', { userId: author!.id });
    const note = await post(server, author!, { text: 'ending', poll: { choices: ['x', 'y'], multiple: true, expiredAfter: 60_000 } });
    // One job, due at the poll's end.
    const [job, ...others] = await jobsOf(note.id);
    expect(others).toHaveLength(0);
    expect(job!.state).toBe('created');
    expect(Math.abs(new Date(job!.start_after).getTime() - new Date(note.poll!.expiresAt!).getTime())).toBeLessThan(1000);
    await vote(a!, note.id, 0);
    await vote(a!, note.id, 1);
    await vote(b!, note.id, 1);
    await vote(mutedVoter!, note.id, 0);
    await vote(author!, note.id, 0);
    expect(await pollEndedOf(author!.id)).toHaveLength(0);

    await endNow(note.id);
    await waitFor(async () => (await jobsOf(note.id))[0]?.state === 'completed');
    expect(await pollEndedOf(author!.id)).toHaveLength(1);
    expect(await pollEndedOf(a!.id)).toHaveLength(1);
    expect(await pollEndedOf(b!.id)).toHaveLength(1);
    expect(await pollEndedOf(mutedVoter!.id)).toHaveLength(0);
    // The job run again (a retry, a restart): nothing more.
    expect(await notifyPollEnded(server.ctx, note.id)).toBe(false);
    expect(await pollEndedOf(a!.id)).toHaveLength(1);

    const [forVoter] = await server.client(a!.token).request('i/notifications', { includeTypes: ['pollEnded'] });
    expect(forVoter).toMatchObject({ type: 'pollEnded', userId: author!.id, user: { id: author!.id }, note: { id: note.id } });
    const [forAuthor] = await server.client(author!.token).request('i/notifications', { includeTypes: ['pollEnded'] });
    expect(forAuthor).toMatchObject({ type: 'pollEnded', userId: author!.id, note: { id: note.id, poll: { choices: [{ votes: 3 }, { votes: 2 }] } } });
    await expectApiError(vote(b!, note.id, 0), e.vote.alreadyExpired);
  });

  it('never notifies twice when the job runs in several processes at once', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'race', poll: { choices: ['x', 'y'], expiredAfter: 60_000 } });
    await vote(voter!, note.id, 0);
    await expire(note.id);
    const sent = await Promise.all([1, 2, 3, 4].map(() => notifyPollEnded(server.ctx, note.id)));
    expect(sent.filter(Boolean)).toHaveLength(1);
    expect(await pollEndedOf(voter!.id)).toHaveLength(1);
    expect(await pollEndedOf(author!.id)).toHaveLength(1);
    const [row] = await server.ctx.db.select().from(polls).where(eq(polls.noteId, note.id));
    expect(row!.endedNotifiedAt).toBeInstanceOf(Date);
  });

  it('a job run before the poll ended fails (and is retried) without sending anything', async () => {
    const [author, voter] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'early', poll: { choices: ['x', 'y'], expiredAfter: 60_000 } });
    await vote(voter!, note.id, 0);
    await expect(notifyPollEnded(server.ctx, note.id)).rejects.toThrow(/not ended/);
    expect(await pollEndedOf(voter!.id)).toHaveLength(0);
  });

  it('schedules nothing for polls without an end, and a deleted note\'s job does nothing', async () => {
    const [author, voter] = await createUsers(server, 2);
    const forever = await post(server, author!, { text: 'forever', poll: { choices: ['x', 'y'] } });
    expect(await jobsOf(forever.id)).toHaveLength(0);
    expect(await notifyPollEnded(server.ctx, forever.id)).toBe(false);

    const gone = await post(server, author!, { text: 'gone', poll: { choices: ['x', 'y'], expiredAfter: 60_000 } });
    await vote(voter!, gone.id, 0);
    await server.client(author!.token).request('notes/delete', { noteId: gone.id });
    await promoteJobs(server.ctx, 'endedPollNotification');
    await waitFor(async () => (await jobsOf(gone.id))[0]?.state === 'completed');
    expect(await pollEndedOf(voter!.id)).toHaveLength(0);
  });
});

describe('notes/polls/recommendation', () => {
  it('recommends open public polls of others not voted in yet, without muted authors', async () => {
    const [me, author, muted, follower] = await createUsers(server, 4);
    await server.client(me!.token).request('mute/create', { userId: muted!.id });
    await server.client(me!.token).request('following/create', { userId: follower!.id });
    const open = await post(server, author!, { text: 'open', poll: { choices: ['x', 'y'] } });
    const voted = await post(server, author!, { text: 'voted', poll: { choices: ['x', 'y'] } });
    const closed = await post(server, author!, { text: 'closed', poll: { choices: ['x', 'y'], expiredAfter: 60_000 } });
    const home = await post(server, author!, { text: 'home', visibility: 'home', poll: { choices: ['x', 'y'] } });
    const fromMuted = await post(server, muted!, { text: 'muted', poll: { choices: ['x', 'y'] } });
    const mine = await post(server, me!, { text: 'mine', poll: { choices: ['x', 'y'] } });
    const newest = await post(server, follower!, { text: 'newest', poll: { choices: ['x', 'y'] } });
    await vote(me!, voted.id, 0);
    await expire(closed.id);

    const ids = (await server.client(me!.token).request('notes/polls/recommendation', { limit: 100 })).map((n) => n.id);
    expect(ids).toContain(open.id);
    expect(ids).toContain(newest.id);
    for (const excluded of [voted, closed, home, fromMuted, mine]) expect(ids).not.toContain(excluded.id);
    expect(ids.indexOf(newest.id)).toBeLessThan(ids.indexOf(open.id));
    const second = await server.client(me!.token).request('notes/polls/recommendation', { limit: 1, offset: 1 });
    expect(second.map((n) => n.id)).toEqual([ids[1]]);
    await expectApiError(server.client(null).request('notes/polls/recommendation', {}), e.credentialRequired);
  });
});
