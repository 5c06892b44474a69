import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError } from '../api-errors.js';
import { polls } from '../../src/db/schema/index.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { delayedJobsByHost, listJobs, promoteJobs, type JobsReader } from '../../src/jobs/admin.js';

/** admin/queue/*: Misskey's queue endpoints over the pg-boss queue, with the real poll-end jobs. */
let server: TestServer;
let moderator: { id: string; token: string };
let member: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  moderator = await server.createUser({ isModerator: true });
  member = await server.createUser();
});
afterAll(async () => { await server?.close(); });

const mod = () => server.client(moderator.token);
const NO_SUCH_JOB = { code: 'NO_SUCH_JOB', id: '8c8d8a5e-2f6b-4b53-9f0e-5b7c1b6f4a2d' };
// Misskey's id for endpoints that require a moderator.
const ROLE_PERMISSION_DENIED = { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' };
const PERMISSION_DENIED = { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' };

/** A note whose poll ends in a minute: one delayed endedPollNotification job. Answers the note and job ids. */
async function pollJob(): Promise<{ noteId: string; jobId: string }> {
  const { createdNote } = await server.client(member.token).request('notes/create', { text: 'poll', poll: { choices: ['a', 'b'], expiredAfter: 60_000 } });
  const { rows: [job] } = await server.ctx.db.execute<{ id: string }>(sql`SELECT id FROM pgboss.job WHERE name = 'endedPollNotification' AND singleton_key = ${createdNote.id}`);
  return { noteId: createdNote.id, jobId: job!.id };
}
const endPoll = (noteId: string) => server.ctx.db.update(polls).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(polls.noteId, noteId));
const stateOf = async (jobId: string) => (await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['active', 'wait', 'delayed', 'completed', 'failed'], search: jobId }))[0];

describe('admin/queue reads', () => {
  it('queues: every Misskey queue with counts and per-minute metrics; jobs and show-job describe a delayed job', async () => {
    const { noteId, jobId } = await pollJob();
    const queues = await mod().request('admin/queue/queues', {});
    expect(queues.map((queue) => queue.name)).toEqual(['system', 'endedPollNotification', 'postScheduledNote', 'deliver', 'inbox', 'db', 'relationship', 'objectStorage', 'userWebhookDeliver', 'systemWebhookDeliver']);
    const polling = queues.find((queue) => queue.name === 'endedPollNotification')!;
    expect(polling.counts.delayed).toBeGreaterThanOrEqual(1);
    expect(polling.isPaused).toBe(false);
    expect(polling.metrics.completed.data).toHaveLength(60);

    const delayed = await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'] });
    const listed = delayed.find((job) => job.id === jobId);
    expect(listed).toMatchObject({ name: 'endedPollNotification', data: { noteId }, attempts: 0, isFailed: false, failedReason: '' });
    expect(listed!.delay).toBeGreaterThan(50_000);
    expect(await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'], search: noteId })).toHaveLength(1);
    expect(await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'], search: 'no-such-thing' })).toHaveLength(0);
    expect(await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['completed'], search: noteId })).toHaveLength(0);
    expect(await mod().request('admin/queue/jobs', { queue: 'db', state: ['delayed'] })).toHaveLength(0);

    expect(await mod().request('admin/queue/show-job', { queue: 'endedPollNotification', jobId })).toMatchObject({ id: jobId, data: { noteId } });
    await expectApiError(mod().request('admin/queue/show-job', { queue: 'endedPollNotification', jobId: '00000000-0000-4000-8000-000000000000' }), NO_SUCH_JOB);
    await expectApiError(mod().request('admin/queue/show-job', { queue: 'db', jobId }), NO_SUCH_JOB);
    await expectApiError(mod().request('admin/queue/show-job', { queue: 'endedPollNotification', jobId: 'not a uuid' }), NO_SUCH_JOB);
  });

  it('queue-stats and stats answer in misskey-js\'s shapes', async () => {
    const stats = await mod().request('admin/queue/queue-stats', { queue: 'endedPollNotification' });
    expect(stats).toMatchObject({ name: 'endedPollNotification', qualifiedName: 'pgboss:endedPollNotification', db: { mode: 'standalone' } });
    expect(stats.db.version).toMatch(/^PostgreSQL \d+/);
    expect(stats.db.clients.connected).toBeGreaterThan(0);
    const counts = await mod().request('admin/queue/stats', {});
    expect(Object.keys(counts).sort()).toEqual(['db', 'deliver', 'inbox', 'objectStorage']);
    expect(counts.db).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });
  });
});

describe('admin/queue writes', () => {
  it('promote-jobs makes delayed jobs due: an ended poll\'s job runs and completes', async () => {
    const { noteId, jobId } = await pollJob();
    await endPoll(noteId);
    const res = await server.fetch('/api/admin/queue/promote-jobs', { json: { i: moderator.token, queue: 'endedPollNotification' } });
    expect(res.status).toBe(204);
    await waitFor(async () => (await stateOf(jobId))?.finishedOn);
    expect(await stateOf(jobId)).toMatchObject({ attempts: 1, isFailed: false, progress: 100 });
  });

  it('a job that fails with no retries left is failed (dead letter) with its error; retry-job runs it again', async () => {
    const { noteId, jobId } = await pollJob();
    // The poll has not ended: the handler throws. With no retries left, the job fails for good.
    await server.ctx.db.execute(sql`UPDATE pgboss.job SET retry_limit = 0, start_after = now() WHERE id = ${jobId}`);
    await waitFor(async () => (await stateOf(jobId))?.isFailed);
    const failed = await mod().request('admin/queue/show-job', { queue: 'endedPollNotification', jobId });
    expect(failed).toMatchObject({ isFailed: true, attempts: 1 });
    expect(failed.failedReason).toMatch(/has not ended yet/);
    expect(failed.stacktrace[0]).toMatch(/PollNotEndedError|Error/);
    expect((await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['failed'] })).map((job) => job.id)).toContain(jobId);

    await endPoll(noteId);
    expect((await server.fetch('/api/admin/queue/retry-job', { json: { i: moderator.token, queue: 'endedPollNotification', jobId } })).status).toBe(204);
    await waitFor(async () => { const job = await stateOf(jobId); return job && !job.isFailed && job.finishedOn; });
    await expectApiError(mod().request('admin/queue/retry-job', { queue: 'endedPollNotification', jobId: '00000000-0000-4000-8000-000000000000' }), NO_SUCH_JOB);
  });

  it('remove-job deletes a job; clear deletes a queue\'s jobs in one state', async () => {
    const { jobId } = await pollJob();
    await mod().request('admin/queue/remove-job', { queue: 'endedPollNotification', jobId });
    await expectApiError(mod().request('admin/queue/show-job', { queue: 'endedPollNotification', jobId }), NO_SUCH_JOB);
    await expectApiError(mod().request('admin/queue/remove-job', { queue: 'endedPollNotification', jobId }), NO_SUCH_JOB);

    await pollJob();
    await pollJob();
    expect((await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'] })).length).toBeGreaterThanOrEqual(2);
    await mod().request('admin/queue/clear', { queue: 'endedPollNotification', state: 'delayed' });
    expect(await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'] })).toHaveLength(0);
    // Older Misskey names the queue `type`; one of the two is needed.
    await pollJob();
    expect((await server.fetch('/api/admin/queue/clear', { json: { i: moderator.token, type: 'endedPollNotification', state: 'delayed' } })).status).toBe(204);
    expect(await mod().request('admin/queue/jobs', { queue: 'endedPollNotification', state: ['delayed'] })).toHaveLength(0);
    const missing = await server.fetch('/api/admin/queue/clear', { json: { i: moderator.token, state: 'delayed' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('INVALID_PARAM');
  });
});


describe('admin/queue/show-job-logs', () => {
  const logs = (jobId: string) => mod().request('admin/queue/show-job-logs', { queue: 'endedPollNotification', jobId });

  it('a delayed job\'s log says when it was created and when it is due; once run, that it completed', async () => {
    const { noteId, jobId } = await pollJob();
    const before = await logs(jobId);
    expect(before).toHaveLength(2);
    expect(before[0]).toMatch(/^\d{4}-\d\d-\d\dT.*Z created \(endedPollNotification\)$/);
    expect(before[1]).toMatch(/ due$/);
    await endPoll(noteId);
    await mod().request('admin/queue/promote-jobs', { queue: 'endedPollNotification' });
    await waitFor(async () => (await stateOf(jobId))?.finishedOn);
    const after = await logs(jobId);
    expect(after.some((line) => / attempt 1 of \d+ started$/.test(line))).toBe(true);
    expect(after.at(-1)).toMatch(/ completed/);
  });

  it('a failed job\'s log ends with its error', async () => {
    const { jobId } = await pollJob();
    await server.ctx.db.execute(sql`UPDATE pgboss.job SET retry_limit = 0, start_after = now() WHERE id = ${jobId}`);
    await waitFor(async () => (await stateOf(jobId))?.isFailed);
    expect((await logs(jobId)).at(-1)).toMatch(/failed for good: .*has not ended yet/);
  });

  it('an unknown job, or a job of another queue, is NO_SUCH_JOB', async () => {
    const { jobId } = await pollJob();
    await expectApiError(logs('00000000-0000-4000-8000-000000000000'), NO_SUCH_JOB);
    await expectApiError(logs('not a uuid'), NO_SUCH_JOB);
    await expectApiError(mod().request('admin/queue/show-job-logs', { queue: 'db', jobId }), NO_SUCH_JOB);
  });
});

describe('the federation queues (deliver, inbox): promote, deliver-delayed, inbox-delayed', () => {
  it('answer what is true while Mikan has no federation jobs: nothing delayed, nothing to promote', async () => {
    expect(await mod().request('admin/queue/deliver-delayed', {})).toEqual([]);
    expect(await mod().request('admin/queue/inbox-delayed', {})).toEqual([]);
    for (const type of ['deliver', 'inbox']) {
      expect((await server.fetch('/api/admin/queue/promote', { json: { i: moderator.token, type } })).status).toBe(204);
    }
  });

  it('promote takes only deliver or inbox, and needs `type`', async () => {
    for (const body of [{ type: 'db' }, {}]) {
      const res = await server.fetch('/api/admin/queue/promote', { json: { i: moderator.token, ...body } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    }
  });

  it('with delivery jobs (a kind filed under `deliver`), delayed ones are counted per host and promoted', async () => {
    // A real pg-boss queue standing in for the delivery kind federation will add.
    const kind = { name: 'testDeliver', options: { queue: 'deliver' as const, retryLimit: 0, retryDelaySeconds: 1, backoff: false }, handler: async () => {} };
    await server.ctx.jobs.boss.createQueue(kind.name);
    const later = new Date(Date.now() + 3_600_000);
    for (const to of ['https://a.example/inbox', 'https://a.example/users/1/inbox', 'https://B.example:8443/inbox', 'https://a.example/x']) {
      await server.ctx.jobs.boss.send(kind.name, { to }, { startAfter: later });
    }
    await server.ctx.jobs.boss.send(kind.name, { to: 'https://c.example/inbox' });
    await server.ctx.jobs.boss.send(kind.name, { to: 'not a url' }, { startAfter: later });
    const reader: JobsReader = { db: server.ctx.db, jobs: { kinds: new Map([[kind.name, kind]]) } };
    expect(await delayedJobsByHost(reader, 'deliver', ['to'])).toEqual([['a.example', 3], ['b.example:8443', 1]]);
    expect(await delayedJobsByHost(reader, 'inbox', ['signature', 'keyId'])).toEqual([]);
    expect(await promoteJobs(reader, 'deliver')).toBe(5);
    expect(await delayedJobsByHost(reader, 'deliver', ['to'])).toEqual([]);
    expect(await listJobs(reader, 'deliver', ['waiting'])).toHaveLength(6);
  });
});

describe('admin/queue permissions', () => {
  const reads = [
    ['admin/queue/queues', {}], ['admin/queue/queue-stats', { queue: 'db' }], ['admin/queue/jobs', { queue: 'db', state: ['failed'] }],
    ['admin/queue/deliver-delayed', {}], ['admin/queue/inbox-delayed', {}],
  ] as const;
  const writes = [['admin/queue/promote-jobs', { queue: 'db' }], ['admin/queue/clear', { queue: 'db', state: 'failed' }], ['admin/queue/promote', { type: 'deliver' }]] as const;

  it('moderators only', async () => {
    const jobId = (await pollJob()).jobId;
    for (const [endpoint, params] of [...reads, ...writes, ['admin/queue/stats', {}] as const, ['admin/queue/show-job-logs', { queue: 'endedPollNotification', jobId }] as const]) {
      await expectApiError(server.client(member.token).request(endpoint as any, params as any), ROLE_PERMISSION_DENIED);
      await expectApiError(server.client().request(endpoint as any, params as any), { code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1' });
    }
  });

  it('app tokens need read:admin:queue to read and write:admin:queue to change (admin/queue/stats: read:admin:emoji, as Misskey)', async () => {
    const none = await server.createAppToken(moderator.id, ['read:account']);
    const reader = await server.createAppToken(moderator.id, ['read:admin:queue']);
    const writer = await server.createAppToken(moderator.id, ['write:admin:queue']);
    for (const [endpoint, params] of reads) {
      await expectApiError(server.client(none).request(endpoint as any, params as any), PERMISSION_DENIED);
      await expectApiError(server.client(writer).request(endpoint as any, params as any), PERMISSION_DENIED);
      await server.client(reader).request(endpoint as any, params as any);
    }
    for (const [endpoint, params] of writes) {
      await expectApiError(server.client(reader).request(endpoint as any, params as any), PERMISSION_DENIED);
      await server.client(writer).request(endpoint as any, params as any);
    }
    // show-job-logs of a job that exists: a refused token never learns whether it does.
    const { jobId } = await pollJob();
    await expectApiError(server.client(writer).request('admin/queue/show-job-logs', { queue: 'endedPollNotification', jobId }), PERMISSION_DENIED);
    expect((await server.client(reader).request('admin/queue/show-job-logs', { queue: 'endedPollNotification', jobId }))[0]).toMatch(/created/);
    await expectApiError(server.client(reader).request('admin/queue/stats', {}), PERMISSION_DENIED);
    await server.client(await server.createAppToken(moderator.id, ['read:admin:emoji'])).request('admin/queue/stats', {});
  });
});
