import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { abuseUserReports } from '../../src/db/schema/index.js';
import { UserDetailedNotMeSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { createUsers, errors } from './helpers.js';

const e = {
  memo: { noSuchUser: { code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5' } },
  report: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '1acefcb5-0959-43fd-9685-b48305736cb5' },
    cannotReportYourself: { code: 'CANNOT_REPORT_YOURSELF', id: '1e13149e-b1e8-43cf-902e-c01dbfcb202f' },
  },
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

describe('users/update-memo', () => {
  it('shows the memo to its author only, and deletes it with null or an empty string', async () => {
    const [author, target, other] = await createUsers(server, 3);
    await server.client(author.token).request('users/update-memo', { userId: target.id, memo: 'met at the conference' });

    expect(await server.client(author.token).request('users/show', { userId: target.id })).toMatchObject({ memo: 'met at the conference' });
    expect(await server.client(other.token).request('users/show', { userId: target.id })).toMatchObject({ memo: null });
    expect(await server.client().request('users/show', { userId: target.id })).toMatchObject({ memo: null });
    expect(await server.client(target.token).request('users/show', { userId: target.id })).toMatchObject({ memo: null });
    expect(await server.client(target.token).request('i', {})).toMatchObject({ memo: null });
    // Not part of users/relation.
    expect(await server.client(author.token).request('users/relation', { userId: target.id })).not.toHaveProperty('memo');

    // Packed in lists too (batched with the relations), e.g. users/followers.
    await server.client(target.token).request('following/create', { userId: other.id });
    const followers = await server.client(author.token).request('users/followers', { userId: other.id });
    expect(followers[0]?.follower).toMatchObject({ id: target.id, memo: 'met at the conference' });
    const seenByOther = await server.client(other.token).request('users/followers', { userId: other.id });
    expect(seenByOther[0]?.follower).toMatchObject({ id: target.id, memo: null });

    await server.client(author.token).request('users/update-memo', { userId: target.id, memo: 'updated' });
    expect(await server.client(author.token).request('users/show', { userId: target.id })).toMatchObject({ memo: 'updated' });
    await server.client(author.token).request('users/update-memo', { userId: target.id, memo: '' });
    expect(await server.client(author.token).request('users/show', { userId: target.id })).toMatchObject({ memo: null });
    await server.client(author.token).request('users/update-memo', { userId: target.id, memo: 'again' });
    await server.client(author.token).request('users/update-memo', { userId: target.id, memo: null });
    expect(await server.client(author.token).request('users/show', { userId: target.id })).toMatchObject({ memo: null });
  });

  it('answers NO_SUCH_USER, and refuses anonymous callers, tokens without write:account and bad params', async () => {
    const [author] = await createUsers(server, 1);
    await expectApiError(server.client(author.token).request('users/update-memo', { userId: unknownId, memo: 'x' }), e.memo.noSuchUser);
    const anonymous = await server.fetch('/api/users/update-memo', { json: { userId: author.id, memo: 'x' } });
    expect(anonymous.body.error).toMatchObject(errors.credentialRequired);
    const token = await server.createAppToken(author.id, ['read:account']);
    const denied = await server.fetch('/api/users/update-memo', { json: { userId: author.id, memo: 'x', i: token } });
    expect(denied.body.error).toMatchObject(errors.permissionDenied);
    for (const body of [{ userId: author.id }, { userId: author.id, memo: 'x'.repeat(2049) }, { memo: 'x' }]) {
      const res = await server.fetch('/api/users/update-memo', { json: { ...body, i: author.token } });
      expect(res.body.error).toMatchObject(errors.invalidParam);
    }
  });
});

describe('users/report-abuse and admin/abuse-user-reports', () => {
  it('stores reports that moderators read, newest first, with both users packed', async () => {
    const [reporter, target] = await createUsers(server, 2);
    const moderator = await server.createUser({ username: `mod${process.pid}`, isModerator: true });
    const admin = await server.createUser({ username: `admin${process.pid}`, isAdmin: true });
    await server.client(reporter.token).request('users/report-abuse', { userId: target.id, comment: 'spam' });
    // Admins can be reported (the fork declares no error for it).
    await server.client(reporter.token).request('users/report-abuse', { userId: admin.id, comment: 'rude admin' });

    const reports = await server.client(moderator.token).request('admin/abuse-user-reports', {});
    expect(reports.map((r) => r.comment)).toEqual(['rude admin', 'spam']);
    const spam = reports[1]!;
    expect(spam).toMatchObject({
      reporterId: reporter.id, targetUserId: target.id, resolved: false, forwarded: false, assigneeId: null, assignee: null,
      resolvedAs: null, moderationNote: '', reporter: { id: reporter.id }, targetUser: { id: target.id },
    });
    expectSchema(UserDetailedNotMeSchema, spam.reporter);
    expectSchema(UserDetailedNotMeSchema, spam.targetUser);

    await server.ctx.db.update(abuseUserReports).set({ resolved: true }).where(eq(abuseUserReports.id, spam.id));
    expect((await server.client(admin.token).request('admin/abuse-user-reports', { state: 'resolved' })).map((r) => r.id)).toEqual([spam.id]);
    expect((await server.client(admin.token).request('admin/abuse-user-reports', { state: 'unresolved' })).map((r) => r.comment)).toEqual(['rude admin']);
    expect(await server.client(admin.token).request('admin/abuse-user-reports', { reporterOrigin: 'remote' })).toEqual([]);
    expect((await server.client(admin.token).request('admin/abuse-user-reports', { limit: 1, untilId: reports[0]!.id })).map((r) => r.id)).toEqual([spam.id]);
  });

  it('answers its declared errors and refuses callers without the right', async () => {
    const [reporter] = await createUsers(server, 1);
    await expectApiError(server.client(reporter.token).request('users/report-abuse', { userId: reporter.id, comment: 'me' }), e.report.cannotReportYourself);
    await expectApiError(server.client(reporter.token).request('users/report-abuse', { userId: unknownId, comment: 'x' }), e.report.noSuchUser);
    const empty = await server.fetch('/api/users/report-abuse', { json: { userId: reporter.id, comment: '', i: reporter.token } });
    expect(empty.body.error).toMatchObject(errors.invalidParam);
    const anonymous = await server.fetch('/api/users/report-abuse', { json: { userId: reporter.id, comment: 'x' } });
    expect(anonymous.body.error).toMatchObject(errors.credentialRequired);
    const token = await server.createAppToken(reporter.id, ['write:account']);
    const denied = await server.fetch('/api/users/report-abuse', { json: { userId: reporter.id, comment: 'x', i: token } });
    expect(denied.body.error).toMatchObject(errors.permissionDenied);

    // Reading reports: moderators only, and an app token needs read:admin:abuse-user-reports.
    await expectApiError(server.client(reporter.token).request('admin/abuse-user-reports', {}), e.moderatorRequired);
    const anonymousRead = await server.fetch('/api/admin/abuse-user-reports', { json: {} });
    expect(anonymousRead.body.error).toMatchObject(errors.credentialRequired);
    const moderator = await server.createUser({ username: `mod2${process.pid}`, isModerator: true });
    const modToken = await server.createAppToken(moderator.id, ['read:account']);
    const modDenied = await server.fetch('/api/admin/abuse-user-reports', { json: { i: modToken } });
    expect(modDenied.body.error).toMatchObject(errors.permissionDenied);
    const modAllowed = await server.createAppToken(moderator.id, ['read:admin:abuse-user-reports']);
    expect(Array.isArray(await server.client(modAllowed).request('admin/abuse-user-reports', {}))).toBe(true);
  });
});
