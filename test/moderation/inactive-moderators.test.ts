import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { checkModeratorsActivity } from '../../src/core/moderation/inactive-moderators.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { checkModeratorsActivityJob, nextMidnightUtc } from '../../src/jobs/kinds/check-moderators-activity.js';
import type { TestServer } from '../harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhooks/helpers.js';
import { roleFor } from '../roles/helpers.js';
import { startModerationServer, type Account } from './helpers.js';

/**
 * Misskey's daily moderator inactivity check: a warning from 2 remaining days, invitation-only
 * registration after 7 days without an active moderator, both to system webhooks (a real receiver).
 */
const DAY = 24 * 60 * 60 * 1000;
let server: TestServer;
let receiver: WebhookReceiver;
let admin: Account;
let moderator: Account;
let roleModerator: Account;
let member: Account;

beforeAll(async () => {
  server = await startModerationServer({ allowPrivateNetwork: true });
  receiver = await startWebhookReceiver();
  [admin, moderator, roleModerator, member] = await Promise.all([
    server.createUser({ isAdmin: true }), server.createUser({ isModerator: true }), server.createUser(), server.createUser(),
  ]);
  await roleFor(server.client(admin.token), [roleModerator.id], { isModerator: true });
  await server.client(admin.token).request('admin/system-webhook/create', {
    isActive: true, name: 'staff', on: ['inactiveModeratorsWarning', 'inactiveModeratorsInvitationOnlyChanged'], url: `${receiver.url}/staff`, secret: 'psst',
  });
  await server.client(admin.token).request('admin/system-webhook/create', {
    isActive: true, name: 'unrelated', on: ['userCreated'], url: `${receiver.url}/unrelated`, secret: 'x',
  });
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

/** Everyone's last activity unknown, then the staff's as given (days ago). */
async function lastActive(days: Partial<Record<'admin' | 'moderator' | 'roleModerator' | 'member', number>>): Promise<void> {
  await server.ctx.db.update(users).set({ lastActiveDate: null });
  const accounts = { admin, moderator, roleModerator, member };
  for (const [name, ago] of Object.entries(days)) {
    await server.ctx.db.update(users).set({ lastActiveDate: new Date(Date.now() - ago * DAY) }).where(inArray(users.id, [accounts[name as keyof typeof accounts].id]));
  }
}

/**
 * The check's "now", a minute after `lastActive` ran: whole days of remaining time are then
 * unambiguous (on a fast machine the check could run in the same millisecond, exactly 6.000 days).
 */
const aMinuteOn = () => new Date(Date.now() + 60_000);

async function runJob(): Promise<void> {
  await enqueueJob(server.ctx, server.ctx.db, checkModeratorsActivityJob, {});
}

const staffHooks = () => receiver.received.filter((hook) => hook.path === '/staff');

beforeEach(async () => {
  await server.ctx.meta.update({ disableRegistration: false });
  receiver.received.length = 0;
});

describe('checkModeratorsActivity', () => {
  it('a moderator active 3 days ago: nothing happens (4 days remain)', async () => {
    await lastActive({ admin: 30, moderator: 3, member: 0 });
    expect(await checkModeratorsActivity(server.ctx, aMinuteOn())).toMatchObject({ action: 'none', reason: 'active', remainingTime: { asDays: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(staffHooks()).toEqual([]);
    expect((await server.client().request('meta', {})).disableRegistration).toBe(false);
  });

  it('the freshest moderator 5.5 days ago: the job sends inactiveModeratorsWarning with the remaining time; registration stays open', async () => {
    await lastActive({ admin: 9, moderator: 5.5, member: 0 });
    await runJob();
    const hook = await receiver.next((call) => call.path === '/staff' && call.body?.type === 'inactiveModeratorsWarning');
    expect(hook.headers['x-misskey-hook-secret']).toBe('psst');
    expect(hook.body).toEqual({
      server: server.url, hookId: expect.any(String), eventId: expect.any(String), createdAt: expect.any(Number), type: 'inactiveModeratorsWarning',
      body: { remainingTime: { time: expect.any(Number), asDays: 1, asHours: expect.any(Number) } },
    });
    const { time, asHours } = hook.body.body.remainingTime;
    expect(time).toBeGreaterThan(1.5 * DAY - 60_000);
    expect(time).toBeLessThanOrEqual(1.5 * DAY);
    expect(asHours).toBe(35);
    expect((await server.client().request('meta', {})).disableRegistration).toBe(false);
  });

  it('no moderator active for 7 days: the job closes registration and sends inactiveModeratorsInvitationOnlyChanged once', async () => {
    await lastActive({ admin: 10, moderator: 8, roleModerator: 7.5, member: 0 });
    await runJob();
    const hook = await receiver.next((call) => call.path === '/staff' && call.body?.type === 'inactiveModeratorsInvitationOnlyChanged');
    expect(hook.body).toMatchObject({ type: 'inactiveModeratorsInvitationOnlyChanged', body: {} });
    expect((await server.client().request('meta', {})).disableRegistration).toBe(true);
    const signup = await server.fetch('/api/signup', { json: { username: 'latecomer', password: 'a long enough password' } });
    expect(signup.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(signup.body)).toContain('REGISTRATION_CLOSED');
    // Registration is closed now: the next run does nothing, and nothing else was sent.
    expect(await checkModeratorsActivity(server.ctx)).toEqual({ action: 'none', reason: 'registrationClosed' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(staffHooks().map((call) => call.body.type)).toEqual(['inactiveModeratorsInvitationOnlyChanged']);
    expect(receiver.received.filter((call) => call.path === '/unrelated')).toEqual([]);
  });

  it('a moderator by role counts: active yesterday keeps registration open although the flagged staff are long gone', async () => {
    await lastActive({ admin: 40, moderator: 40, roleModerator: 1 });
    expect(await checkModeratorsActivity(server.ctx, aMinuteOn())).toMatchObject({ action: 'none', reason: 'active', remainingTime: { asDays: 5 } }); // 6 days less a minute
    // Members do not count: a member active today does not stand in for the staff.
    await lastActive({ admin: 40, moderator: 40, member: 0 });
    expect(await checkModeratorsActivity(server.ctx)).toEqual({ action: 'invitationOnly' });
  });

  it('no moderator ever seen active: nothing happens (a fresh instance is not closed)', async () => {
    await lastActive({ member: 0 });
    expect(await checkModeratorsActivity(server.ctx)).toEqual({ action: 'none', reason: 'noActiveModeratorKnown' });
    expect((await server.client().request('meta', {})).disableRegistration).toBe(false);
  });

  it('every start queues the next midnight\'s run once (one job per day, however many processes start)', async () => {
    const at = nextMidnightUtc();
    const { rows } = await server.ctx.db.execute(sql`SELECT data, start_after FROM pgboss.job WHERE name = 'checkModeratorsActivity' AND state = 'created' AND start_after >= ${at.toISOString()}::timestamptz`);
    expect(rows).toHaveLength(1);
    expect(new Date((rows[0] as { start_after: string }).start_after).getTime()).toBe(at.getTime());
    expect((rows[0] as { data: unknown }).data).toEqual({ scheduled: true });
    const { scheduleModeratorsActivityCheck } = await import('../../src/jobs/kinds/check-moderators-activity.js');
    await scheduleModeratorsActivityCheck(server.ctx);
    const again = await server.ctx.db.execute(sql`SELECT 1 FROM pgboss.job WHERE name = 'checkModeratorsActivity' AND state = 'created' AND start_after >= ${at.toISOString()}::timestamptz`);
    expect(again.rows).toHaveLength(1);
  });
});
