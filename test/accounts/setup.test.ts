import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { registrationErrors } from '../../src/api/account-errors.js';
import { createAdminCommand } from '../../src/cli/create-admin.js';
import { MeDetailedWithTokenSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError, expectSchema, signin, signup } from './helpers.js';


const accessDenied = { code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fff-b8df-057708cce513' };
const wrongInitialPassword = { code: 'INCORRECT_INITIAL_PASSWORD', id: '97147c55-1ae1-4f6f-91d6-e1c3e0e76d62' };

let servers: TestServer[] = [];
async function fresh(overrides = {}): Promise<TestServer> {
  const server = await startTestServer(overrides);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

describe('first-run setup (admin/accounts/create)', () => {
  it('creates the root administrator without a credential while no account exists, then closes', async () => {
    const server = await fresh();
    expect((await server.client().request('meta', {}) as any).requireSetup).toBe(true);
    const created = await server.client().request('admin/accounts/create', { username: 'admin', password: 'setup pw' });
    expectSchema(MeDetailedWithTokenSchema, created);
    expect(created).toMatchObject({ username: 'admin', isAdmin: true, isModerator: true });
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, created.id));
    expect(row).toMatchObject({ isRoot: true, isAdmin: true });
    expect((await server.client(created.token).request('i', {})).id).toBe(created.id);
    expect((await server.client().request('meta', {}) as any).requireSetup).toBe(false);
    // The password works for sign-in.
    expect((await signin(server, { username: 'admin', password: 'setup pw' })).status).toBe(200);

    await expectApiError(server.client().request('admin/accounts/create', { username: 'second', password: 'pw' }), accessDenied);
  });

  it('refuses a setup password when none is configured (the caller expected a guard)', async () => {
    const server = await fresh();
    await expectApiError(server.client().request('admin/accounts/create', { username: 'admin', password: 'pw', setupPassword: 'guess' }), wrongInitialPassword);
    // Blank counts as none.
    expect((await server.client().request('admin/accounts/create', { username: 'admin', password: 'pw', setupPassword: '  ' })).isAdmin).toBe(true);
  });

  it('with MIKAN_SETUP_PASSWORD, demands it: missing or wrong is refused, right creates the administrator', async () => {
    const server = await fresh({ setupPassword: 'open sesame' });
    await expectApiError(server.client().request('admin/accounts/create', { username: 'boss', password: 'pw' }), wrongInitialPassword);
    await expectApiError(server.client().request('admin/accounts/create', { username: 'boss', password: 'pw', setupPassword: 'open sesame!' }), wrongInitialPassword);
    await expectApiError(server.client().request('admin/accounts/create', { username: 'boss', password: 'pw', setupPassword: null }), wrongInitialPassword);
    expect(await server.ctx.db.select().from(users)).toHaveLength(0);
    // Sign-up cannot go around it.
    expectError(await signup(server, { username: 'sneaky', password: 'pw' }), registrationErrors.setupRequired, 403);

    const created = await server.client().request('admin/accounts/create', { username: 'boss', password: 'pw', setupPassword: 'open sesame' });
    expect(created.isAdmin).toBe(true);
    // Once set up, ordinary sign-up works without the setup password.
    expect((await signup(server, { username: 'member', password: 'pw' })).status).toBe(200);
  });

  it('afterwards lets only an administrator\'s own web client create accounts (reserved names included)', async () => {
    const server = await fresh();
    const admin = await server.client().request('admin/accounts/create', { username: 'chief', password: 'pw' });
    const member = await server.createUser();

    await expectApiError(server.client(member.token).request('admin/accounts/create', { username: 'x1', password: 'pw' }), accessDenied);
    const appToken = await server.createAppToken(admin.id, ['write:admin:account']);
    await expectApiError(server.client(appToken).request('admin/accounts/create', { username: 'x2', password: 'pw' }), accessDenied);

    const staff = await server.client(admin.token).request('admin/accounts/create', { username: 'staff', password: 'pw' });
    expect(staff).toMatchObject({ username: 'staff', isAdmin: false });
    expect((await server.client(staff.token).request('i', {})).id).toBe(staff.id);
    await expectApiError(server.client(admin.token).request('admin/accounts/create', { username: 'STAFF', password: 'pw' }), { code: 'DUPLICATED_USERNAME', id: 'a590e50d-4aaa-476f-ae0a-fb7794226d15' });
  });

  it('validates its parameters', async () => {
    const server = await fresh();
    for (const params of [{ username: 'bad name', password: 'pw' }, { username: 'ok', password: '' }, { username: 'ok' }]) {
      await expectApiError(server.client().request('admin/accounts/create', params as any), { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    }
    expect(await server.ctx.db.select().from(users)).toHaveLength(0);
  });

  it('makes one administrator when two setups race', async () => {
    const server = await fresh();
    const results = await Promise.allSettled(['first', 'other'].map((username) => server.client().request('admin/accounts/create', { username, password: 'pw' })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject(accessDenied);
    expect(await server.ctx.db.select().from(users)).toHaveLength(1);
  });
});

describe('mikan create-admin', () => {
  function output() {
    const lines: string[] = [];
    return { lines, out: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(`ERR ${line}`) } };
  }

  it('creates the root administrator on a fresh server and prints a token that works', async () => {
    const server = await fresh();
    const { lines, out } = output();
    expect(await createAdminCommand(server.ctx, ['--username', 'operator', '--password', 'op pw'], {}, out)).toBe(0);
    expect(lines[0]).toMatch(/root administrator @operator/);
    const token = /token: (\S+)/.exec(lines.join('\n'))![1];
    const me = await server.client(token).request('i', {});
    expect(me).toMatchObject({ username: 'operator', isAdmin: true });
    expect((await signin(server, { username: 'operator', password: 'op pw' })).status).toBe(200);
  });

  it('adds an administrator (not root) later, with a reserved name and the password from the environment', async () => {
    const server = await fresh();
    await server.createUser();
    const { out } = output();
    expect(await createAdminCommand(server.ctx, ['--username=admin'], { MIKAN_ADMIN_PASSWORD: 'env pw' }, out)).toBe(0);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.usernameLower, 'admin'));
    expect(row).toMatchObject({ isAdmin: true, isRoot: false });
    expect((await signin(server, { username: 'admin', password: 'env pw' })).status).toBe(200);
  });

  it('fails with exit code 2 on bad usage and 1 on a taken name, creating nothing', async () => {
    const server = await fresh();
    const { lines, out } = output();
    expect(await createAdminCommand(server.ctx, ['--username', 'lonely'], {}, out)).toBe(2);
    expect(await createAdminCommand(server.ctx, ['--bogus'], {}, out)).toBe(2);
    expect(await createAdminCommand(server.ctx, ['--username', 'bad-name', '--password', 'pw'], {}, out)).toBe(1);
    expect(await server.ctx.db.select().from(users)).toHaveLength(0);
    expect(await createAdminCommand(server.ctx, ['--username', 'dup', '--password', 'pw'], {}, out)).toBe(0);
    expect(await createAdminCommand(server.ctx, ['--username', 'DUP', '--password', 'pw'], {}, out)).toBe(1);
    expect(lines.at(-1)).toMatch(/DUPLICATED_USERNAME/);
  });
});
