import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, userProfiles } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { genId } from '../../src/misc/id.js';
import type { TestServer } from '../harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhooks/helpers.js';
import { e, expectApiError, staff, startModerationServer, unknownId, type Account } from './helpers.js';

let server: TestServer;
let receiver: WebhookReceiver;
let moderator: Account;
let admin: Account;
const mod = () => server.client(moderator.token);
const logsOf = async (type: string) => mod().request('admin/show-moderation-logs', { type, limit: 100 });

beforeAll(async () => {
  server = await startModerationServer({ allowPrivateNetwork: true });
  receiver = await startWebhookReceiver();
  ({ moderator, admin } = await staff(server));
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

async function report(target: string, comment: string): Promise<string> {
  const reporter = await server.createUser();
  await server.client(reporter.token).request('users/report-abuse', { userId: target, comment });
  const [listed] = (await mod().request('admin/abuse-user-reports', { limit: 100 })).filter((row) => row.comment === comment);
  return listed!.id;
}

/** A remote account (Mikan does not federate yet; rows like this arrive with federation). */
async function remoteUser(): Promise<string> {
  const id = genId();
  await server.ctx.db.insert(users).values({ id, username: `far${id}`, usernameLower: `far${id}`, host: 'remote.example' });
  await server.ctx.db.insert(userProfiles).values({ userId: id });
  return id;
}

describe('reports', () => {
  it('resolve, update and forward change the report and are logged; unknown reports answer each endpoint\'s error', async () => {
    const target = await server.createUser();
    const reportId = await report(target.id, 'spam everywhere');
    await mod().request('admin/update-abuse-user-report', { reportId, moderationNote: 'checked the timeline' });
    await mod().request('admin/resolve-abuse-user-report', { reportId, resolvedAs: 'accept' });
    const [resolved] = (await mod().request('admin/abuse-user-reports', { state: 'resolved', limit: 100 })).filter((row) => row.id === reportId);
    expect(resolved).toMatchObject({ resolved: true, resolvedAs: 'accept', assigneeId: moderator.id, assignee: { id: moderator.id }, moderationNote: 'checked the timeline', forwarded: false });
    expect((await mod().request('admin/abuse-user-reports', { state: 'unresolved', limit: 100 })).map((row) => row.id)).not.toContain(reportId);
    expect((await logsOf('resolveAbuseReport'))[0]).toMatchObject({ userId: moderator.id, info: { reportId, resolvedAs: 'accept', forwarded: false, report: { id: reportId, resolved: true } } });
    expect((await logsOf('updateAbuseReportNote'))[0]).toMatchObject({ info: { reportId, before: '', after: 'checked the timeline' } });

    await expectApiError(mod().request('admin/resolve-abuse-user-report', { reportId: unknownId }), e.resolveNoSuchReport);
    await expectApiError(mod().request('admin/update-abuse-user-report', { reportId: unknownId, moderationNote: 'x' }), e.updateNoSuchReport);
    await expectApiError(mod().request('admin/forward-abuse-user-report', { reportId: unknownId }), e.forwardNoSuchReport);
    await expectApiError(mod().request('admin/forward-abuse-user-report', { reportId }), e.cannotForwardLocalReport);
  });

  it('forwarding a report about a remote account is recorded (once); origin filters see it', async () => {
    const remote = await remoteUser();
    const reportId = await report(remote, 'remote spam');
    expect((await mod().request('admin/abuse-user-reports', { targetUserOrigin: 'remote', limit: 100 })).map((row) => row.id)).toEqual([reportId]);
    expect((await mod().request('admin/abuse-user-reports', { targetUserOrigin: 'local', limit: 100 })).map((row) => row.id)).not.toContain(reportId);
    await mod().request('admin/forward-abuse-user-report', { reportId });
    const [forwarded] = (await mod().request('admin/abuse-user-reports', { limit: 100 })).filter((row) => row.id === reportId);
    expect(forwarded).toMatchObject({ forwarded: true, resolved: false });
    expect((await logsOf('forwardAbuseReport'))[0]).toMatchObject({ info: { reportId } });
    await expectApiError(mod().request('admin/forward-abuse-user-report', { reportId }), e.alreadyForwarded);

    // resolve with forward: only remote targets are marked.
    const other = await report(remote, 'remote spam 2');
    await mod().request('admin/resolve-abuse-user-report', { reportId: other, resolvedAs: 'reject', forward: true });
    expect((await mod().request('admin/abuse-user-reports', { limit: 100 })).find((row) => row.id === other)).toMatchObject({ forwarded: true, resolvedAs: 'reject' });
  });
});

describe('system webhooks', () => {
  it('create, list (filters), show, update, delete, each logged; unknown ids answer NO_SUCH_SYSTEM_WEBHOOK', async () => {
    const created = await mod().request('admin/system-webhook/create', { isActive: true, name: 'hook', on: ['userCreated', 'abuseReport'], url: `${receiver.url}/crud`, secret: 'sekrit' });
    expect(created).toEqual({ id: expect.any(String), isActive: true, updatedAt: expect.any(String), latestSentAt: null, latestStatus: null, name: 'hook', on: ['userCreated', 'abuseReport'], url: `${receiver.url}/crud`, secret: 'sekrit' });
    expect(await mod().request('admin/system-webhook/show', { id: created.id })).toEqual(created);
    expect((await mod().request('admin/system-webhook/list', { on: ['abuseReport'] })).map((hook) => hook.id)).toContain(created.id);
    expect((await mod().request('admin/system-webhook/list', { on: ['inactiveModeratorsWarning'] })).map((hook) => hook.id)).not.toContain(created.id);
    expect((await mod().request('admin/system-webhook/list', { isActive: false })).map((hook) => hook.id)).not.toContain(created.id);
    const updated = await mod().request('admin/system-webhook/update', { id: created.id, isActive: false, name: 'renamed', on: ['abuseReportResolved'], url: `${receiver.url}/crud2`, secret: 's2' });
    expect(updated).toMatchObject({ isActive: false, name: 'renamed', on: ['abuseReportResolved'], secret: 's2' });
    await mod().request('admin/system-webhook/delete', { id: created.id });
    await expectApiError(mod().request('admin/system-webhook/show', { id: created.id }), e.noSuchSystemWebhook);
    await expectApiError(mod().request('admin/system-webhook/update', { id: created.id, isActive: true, name: 'x', on: [], url: 'http://x', secret: 'x' }), e.noSuchSystemWebhook);
    expect((await logsOf('createSystemWebhook'))[0]).toMatchObject({ info: { systemWebhookId: created.id, webhook: { name: 'hook' } } });
    expect((await logsOf('updateSystemWebhook'))[0]).toMatchObject({ info: { systemWebhookId: created.id, before: { name: 'hook' }, after: { name: 'renamed' } } });
    expect((await logsOf('deleteSystemWebhook'))[0]).toMatchObject({ info: { systemWebhookId: created.id } });
  });

  it('userCreated reaches active subscribed webhooks only, with Misskey\'s body and secret header, through a job', async () => {
    const active = await mod().request('admin/system-webhook/create', { isActive: true, name: 'on', on: ['userCreated'], url: `${receiver.url}/created-on`, secret: 'yes' });
    await mod().request('admin/system-webhook/create', { isActive: false, name: 'off', on: ['userCreated'], url: `${receiver.url}/created-off`, secret: 'no' });
    await mod().request('admin/system-webhook/create', { isActive: true, name: 'other', on: ['abuseReport'], url: `${receiver.url}/created-other`, secret: 'no' });
    const newcomer = await server.createUser();
    const hook = await receiver.next((call) => call.path === '/created-on' && call.body?.body?.id === newcomer.id);
    expect(hook.headers['x-misskey-hook-secret']).toBe('yes');
    expect(hook.headers['x-misskey-hook-id']).toBe(active.id);
    expect(hook.headers['user-agent']).toBe('Misskey-Hooks');
    expect(hook.body).toEqual({
      server: server.url, hookId: active.id, eventId: expect.any(String), createdAt: expect.any(Number), type: 'userCreated',
      body: expect.objectContaining({ id: newcomer.id, username: newcomer.username, host: null }),
    });
    expect(hook.body).not.toHaveProperty('userId');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received.filter((call) => call.path === '/created-off' || call.path === '/created-other')).toEqual([]);
    await expect.poll(async () => (await mod().request('admin/system-webhook/show', { id: active.id })).latestStatus, { timeout: 5000 }).toBe(204);
  });

  it('abuseReport and abuseReportResolved go to the webhooks active recipients name', async () => {
    const hook = await mod().request('admin/system-webhook/create', { isActive: true, name: 'reports', on: ['abuseReport', 'abuseReportResolved'], url: `${receiver.url}/reports`, secret: 'r' });
    const target = await server.createUser();
    const before = await report(target.id, 'no recipient yet');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received.filter((call) => call.path === '/reports' && call.body.body.id === before)).toEqual([]);

    const recipient = await mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'ops', method: 'webhook', systemWebhookId: hook.id });
    const reportId = await report(target.id, 'with a recipient');
    const opened = await receiver.next((call) => call.path === '/reports' && call.body.type === 'abuseReport' && call.body.body.id === reportId);
    expect(opened.body.body).toMatchObject({ id: reportId, targetUserId: target.id, targetUser: { id: target.id }, comment: 'with a recipient', resolved: false });
    await mod().request('admin/resolve-abuse-user-report', { reportId, resolvedAs: 'accept' });
    const resolved = await receiver.next((call) => call.path === '/reports' && call.body.type === 'abuseReportResolved' && call.body.body.id === reportId);
    expect(resolved.body.body).toMatchObject({ resolved: true, resolvedAs: 'accept', assigneeId: moderator.id, assignee: { id: moderator.id } });

    await mod().request('admin/abuse-report/notification-recipient/update', { id: recipient.id, isActive: false, name: 'ops', method: 'webhook', systemWebhookId: hook.id });
    const silent = await report(target.id, 'recipient off');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received.filter((call) => call.path === '/reports' && call.body.body.id === silent)).toEqual([]);
  });

  it('test sends a made-up event, even to an inactive webhook, to the override URL if given; unknown webhook refused', async () => {
    const hook = await mod().request('admin/system-webhook/create', { isActive: false, name: 't', on: [], url: `${receiver.url}/test-main`, secret: 'main' });
    await mod().request('admin/system-webhook/test', { webhookId: hook.id, type: 'abuseReport' });
    const sent = await receiver.next((call) => call.path === '/test-main');
    expect(sent.body).toMatchObject({ type: 'abuseReport', hookId: hook.id, body: { comment: expect.any(String), reporter: { id: moderator.id } } });
    await mod().request('admin/system-webhook/test', { webhookId: hook.id, type: 'userCreated', override: { url: `${receiver.url}/test-override`, secret: 'other' } });
    const overridden = await receiver.next((call) => call.path === '/test-override');
    expect(overridden.headers['x-misskey-hook-secret']).toBe('other');
    await expectApiError(mod().request('admin/system-webhook/test', { webhookId: unknownId, type: 'userCreated' }), e.testNoSuchWebhook);
  });
});

describe('abuse report notification recipients', () => {
  it('create, list, show, update, delete with their shapes and logs; Misskey\'s correlation checks; e-mail refused', async () => {
    const hook = await mod().request('admin/system-webhook/create', { isActive: true, name: 'rec', on: ['abuseReport'], url: `${receiver.url}/rec`, secret: 's' });
    const created = await mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'ops', method: 'webhook', systemWebhookId: hook.id });
    expect(created).toEqual({ id: expect.any(String), isActive: true, updatedAt: expect.any(String), name: 'ops', method: 'webhook', systemWebhookId: hook.id, systemWebhook: hook });
    expect(await mod().request('admin/abuse-report/notification-recipient/show', { id: created.id })).toEqual(created);
    expect((await mod().request('admin/abuse-report/notification-recipient/list', { method: ['webhook'] })).map((row) => row.id)).toContain(created.id);
    expect((await mod().request('admin/abuse-report/notification-recipient/list', { method: ['email'] })).map((row) => row.id)).not.toContain(created.id);
    const updated = await mod().request('admin/abuse-report/notification-recipient/update', { id: created.id, isActive: false, name: 'renamed', method: 'webhook', systemWebhookId: hook.id });
    expect(updated).toMatchObject({ isActive: false, name: 'renamed' });

    await expectApiError(mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'x', method: 'webhook' }), e.correlationCheckWebhook);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'x', method: 'webhook', systemWebhookId: unknownId }), e.correlationCheckWebhook);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'x', method: 'email' }), e.correlationCheckEmail);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'x', method: 'email', userId: moderator.id }), e.emailAddressNotSet);
    await server.ctx.db.update(userProfiles).set({ email: 'mod@example.com', emailVerified: true }).where(eq(userProfiles.userId, moderator.id));
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/create', { isActive: true, name: 'x', method: 'email', userId: moderator.id }), e.emailNotSupported);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/update', { id: created.id, isActive: true, name: 'x', method: 'webhook' }), e.correlationCheckWebhook);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/update', { id: created.id, isActive: true, name: 'x', method: 'email' }), e.correlationCheckEmail);
    await server.ctx.db.update(userProfiles).set({ emailVerified: false }).where(eq(userProfiles.userId, moderator.id));
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/update', { id: created.id, isActive: true, name: 'x', method: 'email', userId: moderator.id }), e.emailAddressNotSet);
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/update', { id: unknownId, isActive: true, name: 'x', method: 'webhook', systemWebhookId: hook.id }), e.noSuchRecipient);

    await mod().request('admin/abuse-report/notification-recipient/delete', { id: created.id });
    await expectApiError(mod().request('admin/abuse-report/notification-recipient/show', { id: created.id }), e.noSuchRecipient);
    expect((await logsOf('createAbuseReportNotificationRecipient'))[0]).toMatchObject({ info: { recipientId: created.id, recipient: { name: 'ops' } } });
    expect((await logsOf('updateAbuseReportNotificationRecipient'))[0]).toMatchObject({ info: { recipientId: created.id, before: { name: 'ops' }, after: { name: 'renamed' } } });
    expect((await logsOf('deleteAbuseReportNotificationRecipient'))[0]).toMatchObject({ info: { recipientId: created.id } });
    void admin;
  });
});
