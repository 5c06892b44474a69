import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiresCredential, type NamedEndpoint } from '../../src/api/define.js';
import { loadEndpoints } from '../../src/api/registry.js';
import type { TestServer } from '../harness.js';
import { upload } from '../drive/helpers.js';
import { e, expectApiError, staff, startModerationServer, unknownId, type Account } from './helpers.js';

let server: TestServer;
let moderator: Account;
let admin: Account;
let member: Account;
const mod = () => server.client(moderator.token);

beforeAll(async () => {
  server = await startModerationServer();
  ({ moderator, admin, member } = await staff(server));
});
afterAll(async () => { await server?.close(); });

describe('admin/server-info, get-table-stats, get-index-stats', () => {
  it('answer the host\'s and PostgreSQL\'s real figures', async () => {
    const info = await mod().request('admin/server-info', {});
    expect(info.node).toBe(process.version);
    expect(info.psql).toMatch(/^PostgreSQL \d+/);
    expect(info.cpu.cores).toBeGreaterThan(0);
    expect(info.mem.total).toBeGreaterThan(0);
    expect(info.fs.total).toBeGreaterThan(info.fs.used);
    expect(info.os).toBe(process.platform);

    await server.client(member.token).request('notes/create', { text: 'one row more' });
    const tables = await server.client(admin.token).request('admin/get-table-stats', {});
    expect(tables.users!.size).toBeGreaterThan(0);
    expect(tables.notes).toBeDefined();
    expect(tables.moderation_logs).toBeDefined();
    const indexes = await server.client(admin.token).request('admin/get-index-stats', {});
    expect(indexes).toContainEqual(expect.objectContaining({ tablename: 'users', indexname: 'users_pkey', size: expect.any(Number) }));
    await expectApiError(mod().request('admin/get-table-stats', {}), e.adminRequired);
    await expectApiError(mod().request('admin/get-index-stats', {}), e.adminRequired);
  });
});

describe('admin/drive/*', () => {
  it('files lists every account\'s files (by user, type); show-file by id or URL; cleanup runs as a job', async () => {
    const text = await upload(server, member.token, 'plain text');
    const listed = await mod().request('admin/drive/files', { userId: member.id });
    expect(listed.map((file) => file.id)).toEqual([text.id]);
    expect((await mod().request('admin/drive/files', { type: 'image/*', userId: member.id }))).toEqual([]);
    expect((await mod().request('admin/drive/files', {})).map((file) => file.id)).toContain(text.id);
    const shown = await mod().request('admin/drive/show-file', { fileId: text.id });
    expect(shown).toMatchObject({ id: text.id, userId: member.id, md5: text.md5, size: text.size, accessKey: expect.any(String), storedInternal: true });
    expect(await mod().request('admin/drive/show-file', { url: text.url })).toMatchObject({ id: text.id });
    await expectApiError(mod().request('admin/drive/show-file', { fileId: unknownId }), e.noSuchFile);
    await expectApiError(mod().request('admin/drive/show-file', { url: 'https://elsewhere.example/x.png' }), e.noSuchFile);
    await mod().request('admin/drive/cleanup', {});
    // The member's file has an owner: cleanup leaves it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await mod().request('admin/drive/files', { userId: member.id })).map((file) => file.id)).toEqual([text.id]);
  });
});

describe('admin/show-moderation-logs', () => {
  it('pages newest first and filters by type and moderator', async () => {
    const target = await server.createUser();
    await mod().request('admin/update-user-note', { userId: target.id, text: 'a' });
    await server.client(admin.token).request('admin/update-user-note', { userId: target.id, text: 'b' });
    const all = await mod().request('admin/show-moderation-logs', { type: 'updateUserNote' });
    expect(all.map((entry) => entry.userId)).toEqual([admin.id, moderator.id]);
    expect((await mod().request('admin/show-moderation-logs', { userId: moderator.id, type: 'updateUserNote' })).map((entry) => entry.info)).toEqual([expect.objectContaining({ after: 'a' })]);
    expect((await mod().request('admin/show-moderation-logs', { type: 'updateUserNote', untilId: all[0]!.id })).map((entry) => entry.id)).toEqual([all[1]!.id]);
    expect(await mod().request('admin/show-moderation-logs', { type: 'deleteRole' })).toEqual([]);
  });
});

/** Every moderation endpoint this module brings. */
const MODERATION_ENDPOINTS = [
  'admin/show-user', 'admin/show-users', 'admin/suspend-user', 'admin/unsuspend-user', 'admin/delete-account', 'admin/reset-password',
  'admin/regenerate-user-token', 'admin/update-user-note', 'admin/update-user-name', 'admin/unset-user-avatar', 'admin/unset-user-banner',
  'admin/delete-all-files-of-a-user', 'admin/drive/delete-all-files-of-a-user', 'admin/drive/files', 'admin/drive/show-file', 'admin/drive/cleanup',
  'admin/get-user-ips', 'admin/abuse-user-reports', 'admin/resolve-abuse-user-report', 'admin/update-abuse-user-report', 'admin/forward-abuse-user-report',
  'admin/abuse-report/notification-recipient/create', 'admin/abuse-report/notification-recipient/update', 'admin/abuse-report/notification-recipient/delete',
  'admin/abuse-report/notification-recipient/list', 'admin/abuse-report/notification-recipient/show',
  'admin/system-webhook/create', 'admin/system-webhook/update', 'admin/system-webhook/delete', 'admin/system-webhook/list', 'admin/system-webhook/show', 'admin/system-webhook/test',
  'admin/show-moderation-logs', 'admin/server-info', 'admin/get-index-stats', 'admin/get-table-stats',
];
/** Upstream Misskey's meta for the endpoints the spec's fork lacks (misskey-js-only rows have empty cells). */
const UPSTREAM: Record<string, { permission: string; admin: string }> = {
  'admin/delete-account': { permission: 'write:admin:delete-account', admin: 'admin' },
  'admin/delete-all-files-of-a-user': { permission: 'write:admin:delete-all-files-of-a-user', admin: 'moderator' },
  'admin/server-info': { permission: 'read:admin:server-info', admin: 'moderator' },
};
// ../shared/spec beside /work/main, or two levels up from a worktree under /work/wt.
const SPEC = [path.resolve('..', 'shared', 'spec'), path.resolve('..', '..', 'shared', 'spec')].find((dir) => fs.existsSync(dir)) ?? path.resolve('..', 'shared', 'spec');
function table(file: string): Record<string, string>[] {
  const [header, ...rows] = fs.readFileSync(path.join(SPEC, file), 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}
const roleOf = (endpoint: NamedEndpoint) => (endpoint.meta.requireAdmin ? 'admin' : endpoint.meta.requireModerator ? 'moderator' : 'none');

describe.runIf(fs.existsSync(SPEC))('permissions and roles as the spec tables', async () => {
  const endpoints = new Map((await loadEndpoints()).map((endpoint) => [endpoint.name, endpoint]));
  const spec = new Map(table('endpoints.tsv').map((row) => [row.endpoint, row]));

  it('declare Misskey\'s kind, secure flag, role and every spec error byte for byte', () => {
    for (const name of MODERATION_ENDPOINTS) {
      const endpoint = endpoints.get(name)!;
      expect(endpoint, name).toBeDefined();
      const row = spec.get(name)!;
      const expected = UPSTREAM[name] ?? { permission: row.permission, admin: row.admin };
      expect(endpoint.meta.kind, name).toBe(expected.permission);
      expect(roleOf(endpoint), name).toBe(expected.admin);
      expect(requiresCredential(endpoint.meta), name).toBe(true);
      if (!UPSTREAM[name]) expect(Boolean(endpoint.meta.secure), name).toBe(row.secure === 'true');
    }
    for (const row of table('errors.tsv').filter((r) => MODERATION_ENDPOINTS.includes(r.endpoint))) {
      const declared = Object.values(endpoints.get(row.endpoint)!.meta.errors ?? {});
      expect(declared.some((error) => error.code === row.code && error.id === row.id), `${row.endpoint} ${row.code}`).toBe(true);
    }
  });

  it('refuse members (moderator role), moderators on admin-only endpoints, app tokens without the kind, and app tokens on secure endpoints', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['admin/show-user', { userId: member.id }], ['admin/show-users', {}], ['admin/suspend-user', { userId: member.id }],
      ['admin/show-moderation-logs', {}], ['admin/server-info', {}], ['admin/get-user-ips', { userId: member.id }],
      ['admin/drive/files', {}], ['admin/abuse-user-reports', {}], ['admin/reset-password', { userId: member.id }],
    ];
    for (const [name, params] of calls) {
      const asMember = await server.fetch(`/api/${name}`, { json: { i: member.token, ...params } });
      expect(asMember.body.error, name).toMatchObject(e.moderatorRequired);
      const kind = endpoints.get(name)!.meta.kind!;
      const wrongApp = await server.createAppToken(moderator.id, ['read:account']);
      expect((await server.fetch(`/api/${name}`, { json: { i: wrongApp, ...params } })).body.error, name).toMatchObject(e.permissionDenied);
      const rightApp = await server.createAppToken(moderator.id, [kind as never]);
      const allowed = await server.fetch(`/api/${name}`, { json: { i: rightApp, ...(name === 'admin/suspend-user' || name === 'admin/reset-password' ? { userId: unknownId } : params) } });
      expect(allowed.body?.error?.code ?? 'ok', name).not.toMatch(/PERMISSION_DENIED|ROLE_PERMISSION_DENIED/);
    }
    for (const name of ['admin/get-table-stats', 'admin/get-index-stats', 'admin/delete-account']) {
      const res = await server.fetch(`/api/${name}`, { json: { i: moderator.token, userId: member.id } });
      expect(res.body.error, name).toMatchObject(e.adminRequired);
    }
    const everything = await server.createAppToken(moderator.id, ['write:admin:system-webhook' as never, 'read:admin:abuse-report:notification-recipient' as never]);
    for (const name of ['admin/system-webhook/list', 'admin/abuse-report/notification-recipient/list']) {
      expect((await server.fetch(`/api/${name}`, { json: { i: everything } })).body.error, name).toMatchObject(e.accessDenied);
    }
  });
});
