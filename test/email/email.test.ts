import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { startTestSmtpServer, linkIn, type TestSmtpServer } from '../fixtures/smtp.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { expectError, freshIp, signin, signup } from '../accounts/helpers.js';

let server: TestServer;
let smtp: TestSmtpServer;
let admin: { id: string; token: string };
let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid % 1000}x${++counter}`;

const errors = {
  incorrectPassword: { code: 'INCORRECT_PASSWORD', id: 'e54c1d7e-e7d6-4103-86b6-0a95069b4ad3' },
  unavailable: { code: 'UNAVAILABLE', id: 'a2defefb-f220-8849-0af6-17f816099323' },
  emailRequired: { code: 'EMAIL_REQUIRED', id: '324c7a88-59f2-492f-903f-89134f93e47e' },
  userNotFound: { code: 'USER_NOT_FOUND', id: 'cb865949-8af5-4062-a88c-ef55e8786d1d' },
  pendingUserNotFound: { code: 'PENDING_USER_NOT_FOUND', id: 'a04d6118-65e6-4508-9144-9900a331bbf3' },
  noSuchResetRequest: { code: 'NO_SUCH_RESET_REQUEST', id: '6382759d-294c-43de-89b3-4e825006ca43' },
  emailNotEnabled: { code: 'EMAIL_NOT_ENABLED', id: 'b7f0e9c1-3a52-4a3e-9d3c-2c8f1b6a7e20' },
  rolePermissionDenied: { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' },
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
  invalidEmail: { code: 'INVALID_EMAIL_ADDRESS', id: '55257680-dce5-4e58-92fb-ca5548d58618' },
  noSuchPendingSignup: { code: 'NO_SUCH_PENDING_SIGNUP', id: '7b0d4ad9-5e7b-4a4c-9a8e-2b8e1d9f5c31' },
};

async function updateMeta(params: Record<string, unknown>) {
  const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, ...params } });
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

/** A user with a verified address, through the real flow (i/update-email, then the mailed link). */
async function userWithVerifiedEmail(password = 'pw') {
  const user = await server.createUser({ password });
  const email = `${user.username}@example.com`;
  await server.client(user.token).request('i/update-email', { password, email });
  const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Email verification');
  const res = await fetch(linkIn(mail, `${server.url}/verify-email/`));
  expect(res.status).toBe(200);
  return { ...user, email, password };
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  server = await startTestServer({ rateLimit: false });
  admin = await server.client().request('admin/accounts/create', { username: 'chief', password: 'pw' });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

describe('mail settings (admin/update-meta) and meta.enableEmail', () => {
  it('is off until configured; meta and nodeinfo say so', async () => {
    expect((await server.client().request('meta', {})).enableEmail).toBe(false);
    const nodeinfo = await (await fetch(`${server.url}/nodeinfo/2.1`)).json();
    expect(nodeinfo.metadata.enableEmail).toBe(false);
  });

  it('admin/send-email refuses with EMAIL_NOT_ENABLED while mail is off', async () => {
    await expectApiError(server.client(admin.token).request('admin/send-email', { to: 'x@example.com', subject: 's', text: 't' }), errors.emailNotEnabled);
  });

  it('enableEmail alone (no host) leaves mail off', async () => {
    await updateMeta({ enableEmail: true });
    expect((await server.client().request('meta', {})).enableEmail).toBe(false);
  });

  it('validates types and the port range', async () => {
    for (const bad of [{ smtpPort: 70000 }, { smtpPort: 'x' }, { enableEmail: 'yes' }, { smtpHost: 5 }]) {
      const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, ...bad } });
      expectError(res, commonErrors.invalidParam, 400);
    }
  });

  it('with host and From address mail is on; meta and nodeinfo report it, and the password is answered nowhere', async () => {
    await updateMeta(smtp.settings());
    const meta = await server.client().request('meta', {});
    expect(meta.enableEmail).toBe(true);
    expect(JSON.stringify(meta)).not.toContain('smtp-secret');
    const nodeinfo = await (await fetch(`${server.url}/nodeinfo/2.1`)).json();
    expect(nodeinfo.metadata.enableEmail).toBe(true);
    expect(JSON.stringify(nodeinfo)).not.toContain('smtp-secret');
  });
});

describe('admin/send-email', () => {
  it('sends a real mail through SMTP with the configured From and authentication', async () => {
    const to = `${unique('rcpt')}@example.com`;
    await server.client(admin.token).request('admin/send-email', { to, subject: 'Hello from the admin', text: 'Plain body\nsecond line' });
    const mail = await smtp.waitFor((m) => m.to.includes(to));
    expect(mail.subject).toBe('Hello from the admin');
    expect(mail.text).toContain('Plain body');
    expect(mail.from).toBe('noreply@mikan.test');
    expect(mail.authUser).toBe('mikan');
    expect(mail.html).toContain('second line');
  });

  it('is retried by the job system when the SMTP server refuses for a while', async () => {
    smtp.failNext(2);
    const to = `${unique('retry')}@example.com`;
    await server.client(admin.token).request('admin/send-email', { to, subject: 'Retried', text: 'eventually' });
    const mail = await smtp.waitFor((m) => m.to.includes(to), 60_000);
    expect(mail.subject).toBe('Retried');
  }, 90_000);

  it('is for moderators: a member is refused, an app token needs write:admin:send-email', async () => {
    const member = await server.createUser();
    await expectApiError(server.client(member.token).request('admin/send-email', { to: 'a@example.com', subject: 's', text: 't' }), errors.moderatorRequired);
    const moderator = await server.createUser({ isModerator: true });
    const wrongApp = await server.createAppToken(moderator.id, ['read:account']);
    await expectApiError(server.client(wrongApp).request('admin/send-email', { to: 'a@example.com', subject: 's', text: 't' }), commonErrors.permissionDenied);
    const rightApp = await server.createAppToken(moderator.id, ['write:admin:send-email']);
    await server.client(rightApp).request('admin/send-email', { to: 'mod@example.com', subject: 'From a moderator', text: 't' });
    await smtp.waitFor((m) => m.subject === 'From a moderator');
  });

  it('refuses missing fields with INVALID_PARAM', async () => {
    const res = await server.fetch('/api/admin/send-email', { json: { i: admin.token, to: 'a@example.com' } });
    expectError(res, commonErrors.invalidParam, 400);
  });
});

describe('email-address/available, i/update-email and GET /verify-email/:code', () => {
  it('answers format and used', async () => {
    const client = server.client();
    expect(await client.request('email-address/available', { emailAddress: 'not an address' })).toEqual({ available: false, reason: 'format' });
    const fresh = `${unique('free')}@example.com`;
    expect(await client.request('email-address/available', { emailAddress: fresh })).toEqual({ available: true, reason: null });
    const user = await userWithVerifiedEmail();
    expect(await client.request('email-address/available', { emailAddress: user.email.toUpperCase() })).toEqual({ available: false, reason: 'used' });
    const res = await server.fetch('/api/email-address/available', { json: {} });
    expectError(res, commonErrors.invalidParam, 400);
  });

  it('stores the address unverified, mails a link, and the link verifies it once', async () => {
    const user = await server.createUser({ password: 'pw' });
    const email = `${user.username}@example.com`;
    const me = await server.client(user.token).request('i/update-email', { password: 'pw', email });
    expect(me.email).toBe(email);
    expect(me.emailVerified).toBe(false);
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Email verification');
    const link = linkIn(mail, `${server.url}/verify-email/`);
    expect(mail.html).toContain(`href="${link}"`);
    const first = await fetch(link);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Verification succeeded');
    const after = await server.client(user.token).request('i', {});
    expect(after.emailVerified).toBe(true);
    expect((await fetch(link)).status).toBe(404);
    expect((await fetch(`${server.url}/verify-email/unknowncode`)).status).toBe(404);
  });

  it('a link for an address replaced since no longer verifies', async () => {
    const user = await server.createUser({ password: 'pw' });
    const first = `${user.username}a@example.com`;
    await server.client(user.token).request('i/update-email', { password: 'pw', email: first });
    const mail = await smtp.waitFor((m) => m.to.includes(first));
    await server.client(user.token).request('i/update-email', { password: 'pw', email: `${user.username}b@example.com` });
    expect((await fetch(linkIn(mail, `${server.url}/verify-email/`))).status).toBe(404);
    expect((await server.client(user.token).request('i', {})).emailVerified).toBe(false);
  });

  it('refuses a wrong password, an unavailable address, and removing it when sign-up requires one', async () => {
    const user = await server.createUser({ password: 'pw' });
    await expectApiError(server.client(user.token).request('i/update-email', { password: 'nope', email: 'a@example.com' }), errors.incorrectPassword);
    await expectApiError(server.client(user.token).request('i/update-email', { password: 'pw', email: 'bad address' }), errors.unavailable);
    const holder = await userWithVerifiedEmail();
    await expectApiError(server.client(user.token).request('i/update-email', { password: 'pw', email: holder.email }), errors.unavailable);
    await updateMeta({ emailRequiredForSignup: true });
    try {
      await expectApiError(server.client(user.token).request('i/update-email', { password: 'pw', email: null }), errors.emailRequired);
    } finally {
      await updateMeta({ emailRequiredForSignup: false });
    }
    const removed = await server.client(user.token).request('i/update-email', { password: 'pw', email: null });
    expect(removed.email).toBeNull();
  });

  it('is secure: an app token is refused, and it needs a credential', async () => {
    const user = await server.createUser({ password: 'pw' });
    const app = await server.createAppToken(user.id, ['write:account', 'read:account']);
    const res = await server.fetch('/api/i/update-email', { json: { i: app, password: 'pw', email: 'x@example.com' } });
    expect(res.status).toBe(403);
    await expectApiError(server.client().request('i/update-email', { password: 'pw', email: 'x@example.com' }), commonErrors.credentialRequired);
    const missing = await server.fetch('/api/i/update-email', { json: { i: user.token, email: 'x@example.com' } });
    expectError(missing, commonErrors.invalidParam, 400);
  });
});

describe('request-reset-password and reset-password', () => {
  it('mails a single-use link; the new password signs in, the old does not, and web sessions end', async () => {
    const user = await userWithVerifiedEmail('old password');
    const res = await server.fetch('/api/request-reset-password', { json: { username: user.username, email: user.email.toUpperCase() } });
    expect(res.status).toBe(204);
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'Password reset');
    const token = linkIn(mail, `${server.url}/reset-password/`).split('/').pop()!;
    await server.client().request('reset-password', { token, password: 'new password' });
    expect((await signin(server, { username: user.username, password: 'new password' })).status).toBe(200);
    expect((await signin(server, { username: user.username, password: 'old password' })).status).not.toBe(200);
    await expect(server.client(user.token).request('i', {})).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await expectApiError(server.client().request('reset-password', { token, password: 'again' }), errors.noSuchResetRequest);
  });

  it('answers the same for unknown names, wrong or unverified addresses, and sends nothing', async () => {
    const user = await userWithVerifiedEmail();
    const unverified = await server.createUser({ password: 'pw' });
    await server.client(unverified.token).request('i/update-email', { password: 'pw', email: `${unverified.username}@example.com` });
    const before = smtp.messages.filter((m) => m.subject === 'Password reset').length;
    const answers = await Promise.all([
      server.fetch('/api/request-reset-password', { json: { username: 'nobody_here', email: 'nobody@example.com' } }),
      server.fetch('/api/request-reset-password', { json: { username: user.username, email: 'other@example.com' } }),
      server.fetch('/api/request-reset-password', { json: { username: unverified.username, email: `${unverified.username}@example.com` } }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter((m) => m.subject === 'Password reset').length).toBe(before);
  });

  it('refuses unknown tokens, an expired one, and bad params', async () => {
    await expectApiError(server.client().request('reset-password', { token: 'x'.repeat(48), password: 'p' }), errors.noSuchResetRequest);
    const user = await userWithVerifiedEmail();
    await server.client().request('request-reset-password', { username: user.username, email: user.email });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'Password reset');
    const token = linkIn(mail, `${server.url}/reset-password/`).split('/').pop()!;
    const { passwordResetRequests } = await import('../../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    await server.ctx.db.update(passwordResetRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResetRequests.userId, user.id));
    await expectApiError(server.client().request('reset-password', { token, password: 'late' }), errors.noSuchResetRequest);
    expectError(await server.fetch('/api/reset-password', { json: { token: 'x' } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/reset-password', { json: { token: 'x', password: '' } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/request-reset-password', { json: { username: 'x' } }), commonErrors.invalidParam, 400);
  });

  it('stores tokens hashed only', async () => {
    const user = await userWithVerifiedEmail();
    await server.client().request('request-reset-password', { username: user.username, email: user.email });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'Password reset');
    const token = linkIn(mail, `${server.url}/reset-password/`).split('/').pop()!;
    const { rows } = await server.ctx.database.pool.query('SELECT token_hash FROM password_reset_requests WHERE user_id = $1', [user.id]);
    expect(rows.length).toBe(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('admin/accounts/find-by-email', () => {
  it('finds the holder, answers USER_NOT_FOUND otherwise, and is for administrators', async () => {
    const user = await userWithVerifiedEmail();
    const found = await server.client(admin.token).request('admin/accounts/find-by-email', { email: user.email });
    expect(found.id).toBe(user.id);
    expect(found.username).toBe(user.username);
    await expectApiError(server.client(admin.token).request('admin/accounts/find-by-email', { email: 'nobody@example.com' }), errors.userNotFound);
    const moderator = await server.createUser({ isModerator: true });
    await expectApiError(server.client(moderator.token).request('admin/accounts/find-by-email', { email: user.email }), errors.rolePermissionDenied);
    const app = await server.createAppToken(admin.id, ['read:account']);
    await expectApiError(server.client(app).request('admin/accounts/find-by-email', { email: user.email }), commonErrors.permissionDenied);
  });
});

describe('sign-up with emailRequiredForSignup, signup-pending, admin/accounts/pending/*', () => {
  beforeAll(async () => { await updateMeta({ emailRequiredForSignup: true }); });
  afterAll(async () => { await updateMeta({ emailRequiredForSignup: false }); });

  it('creates a pending sign-up, mails the link, and signup-pending makes the account with the address verified', async () => {
    const username = unique('pend');
    const email = `${username}@example.com`;
    const res = await signup(server, { username, password: 'secret pw', emailAddress: email });
    expect(res.status).toBe(204);
    expect((await server.client().request('users/search-by-username-and-host', { username, host: null })).length).toBe(0);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Signup');
    const code = linkIn(mail, `${server.url}/signup-complete/`).split('/').pop()!;
    const listed = await server.client(admin.token).request('admin/accounts/pending/list' as never, { username } as never) as any[];
    expect(listed).toEqual([expect.objectContaining({ username, email })]);
    expect(JSON.stringify(listed)).not.toContain(code);
    const done = await server.fetch('/api/signup-pending', { json: { code } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id: expect.any(String), i: expect.any(String) });
    const me = await server.client(done.body.i).request('i', {});
    expect(me.username).toBe(username);
    expect(me.emailVerified).toBe(true);
    expect((await signin(server, { username, password: 'secret pw' })).status).toBe(200);
    const again = await server.fetch('/api/signup-pending', { json: { code } });
    expectError(again, errors.noSuchPendingSignup, 400);
  });

  it('refuses a missing or unavailable address and a taken name', async () => {
    expectError(await signup(server, { username: unique('nomail'), password: 'pw' }), errors.invalidEmail, 400);
    const holder = await userWithVerifiedEmail();
    expectError(await signup(server, { username: unique('dup'), password: 'pw', emailAddress: holder.email }), errors.invalidEmail, 400);
    expectError(await signup(server, { username: holder.username, password: 'pw', emailAddress: `${unique('x')}@example.com` }), { code: 'DUPLICATED_USERNAME', id: 'a590e50d-4aaa-476f-ae0a-fb7794226d15' }, 400);
    expect((await server.fetch('/api/signup-pending', { json: {} })).status).toBe(400);
  });

  it('admin/accounts/pending/revoke by id or code; the link then fails; unknown ones are PENDING_USER_NOT_FOUND', async () => {
    const names = [unique('rv'), unique('rv')];
    for (const username of names) {
      expect((await signup(server, { username, password: 'pw', emailAddress: `${username}@example.com` }, freshIp())).status).toBe(204);
    }
    const mails = await Promise.all(names.map((username) => smtp.waitFor((m) => m.to.includes(`${username}@example.com`))));
    const codes = mails.map((mail) => linkIn(mail, `${server.url}/signup-complete/`).split('/').pop()!);
    const adminClient = server.client(admin.token);
    const [first] = await adminClient.request('admin/accounts/pending/list' as never, { username: names[0] } as never) as any[];
    await adminClient.request('admin/accounts/pending/revoke' as never, { id: first.id } as never);
    await adminClient.request('admin/accounts/pending/revoke' as never, { code: codes[1] } as never);
    for (const code of codes) expectError(await server.fetch('/api/signup-pending', { json: { code } }), errors.noSuchPendingSignup, 400);
    await expectApiError(adminClient.request('admin/accounts/pending/revoke' as never, { id: first.id } as never), errors.pendingUserNotFound);
    await expectApiError(adminClient.request('admin/accounts/pending/revoke' as never, { code: 'nope' } as never), errors.pendingUserNotFound);
    expectError(await server.fetch('/api/admin/accounts/pending/revoke', { json: { i: admin.token } }), commonErrors.invalidParam, 400);
    const member = await server.createUser();
    await expectApiError(server.client(member.token).request('admin/accounts/pending/list' as never, {} as never), errors.rolePermissionDenied);
  });
});

describe('notification e-mails (emailNotificationTypes)', () => {
  it('mails the chosen types to a verified address, and not the others', async () => {
    const target = await userWithVerifiedEmail();
    await server.client(target.token).request('i/update', { emailNotificationTypes: ['follow', 'mention'] });
    const follower = await server.createUser();
    await server.client(follower.token).request('following/create', { userId: target.id });
    const mail = await smtp.waitFor((m) => m.to.includes(target.email) && m.subject.includes('followed you'));
    expect(mail.subject).toContain(`@${follower.username}`);
    await server.client(follower.token).request('notes/create', { text: `hello @${target.username}` });
    await smtp.waitFor((m) => m.to.includes(target.email) && m.subject.includes('mentioned you'));
    await server.client(target.token).request('i/update', { emailNotificationTypes: [] });
    const other = await server.createUser();
    await server.client(other.token).request('following/create', { userId: target.id });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter((m) => m.to.includes(target.email) && m.subject.includes(`@${other.username}`))).toHaveLength(0);
  });
});

describe('abuse-report notification recipients of method email', () => {
  it('mails a new report to the recipient user\'s verified address', async () => {
    const moderator = await userWithVerifiedEmail();
    const { users } = await import('../../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    await server.ctx.db.update(users).set({ isModerator: true }).where(eq(users.id, moderator.id));
    const { usersChanged } = await import('../../src/core/cache/caches.js');
    usersChanged(server.ctx, moderator.id);
    await server.client(admin.token).request('admin/abuse-report/notification-recipient/create', {
      isActive: true, name: 'mail the moderator', method: 'email', userId: moderator.id,
    });
    const reporter = await server.createUser();
    const target = await server.createUser();
    await server.client(reporter.token).request('users/report-abuse', { userId: target.id, comment: 'spam spam spam' });
    const mail = await smtp.waitFor((m) => m.to.includes(moderator.email) && m.subject.includes('abuse report'));
    expect(mail.subject).toContain(`@${target.username}`);
    expect(mail.text).toContain('spam spam spam');
  });
});
