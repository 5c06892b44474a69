import os from 'node:os';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { genId } from '../src/misc/id.js';
import { startTestServer, type TestServer } from './harness.js';
import { usersChanged } from '../src/core/cache/caches.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

describe('stats', () => {
  it('counts notes and the drive space of local files', async () => {
    const before = await server.client().request('stats', {});
    const user = await server.createUser();
    await server.client(user.token).request('notes/create', { text: 'one' });
    await server.client(user.token).request('notes/create', { text: 'two' });
    const form = new FormData();
    form.append('i', user.token);
    form.append('file', new Blob(['twelve bytes']), 'a.txt');
    expect((await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form })).status).toBe(200);
    const after = await server.client().request('stats', {});
    expect(after.notesCount).toBe(before.notesCount + 2);
    expect(after.originalNotesCount).toBe(before.originalNotesCount + 2);
    expect(after.driveUsageLocal).toBe(before.driveUsageLocal + 12);
    expect(after.driveUsageRemote).toBe(0);
  });

  it('counts local users, and remote ones only in usersCount', async () => {
    const before = await server.client().request('stats', {});
    expect(before).toEqual({
      notesCount: expect.any(Number),
      originalNotesCount: before.notesCount,
      usersCount: expect.any(Number),
      originalUsersCount: before.usersCount,
      instances: 0,
      driveUsageLocal: expect.any(Number),
      driveUsageRemote: 0,
    });

    await server.createUser();
    await server.createUser();
    await server.ctx.db.insert(users).values({ id: genId(), username: 'faraway', usernameLower: 'faraway', host: 'remote.example' });

    const after = await server.client().request('stats', {});
    expect(after.originalUsersCount).toBe(before.originalUsersCount + 2);
    expect(after.usersCount).toBe(before.usersCount + 3);
  });

  it('stops counting a deleted account', async () => {
    const { id } = await server.createUser();
    const before = await server.client().request('stats', {});
    await server.ctx.db.update(users).set({ isDeleted: true }).where(eq(users.id, id));
    usersChanged(server.ctx, id);
    const after = await server.client().request('stats', {});
    expect(after.usersCount).toBe(before.usersCount - 1);
    expect(after.originalUsersCount).toBe(before.originalUsersCount - 1);
  });

  it('answers GET, publicly cacheable for 60 s when anonymous', async () => {
    const res = await server.fetch('/api/stats', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.body.usersCount).toEqual(expect.any(Number));
  });
});

describe('server-info', () => {
  it('answers Misskey\'s placeholders while machine stats are disabled (the default)', async () => {
    expect(server.ctx.meta.get().enableServerMachineStats).toBe(false);
    const info = await server.client().request('server-info', {});
    expect(info).toEqual({ machine: '?', cpu: { model: '?', cores: 0 }, mem: { total: 0 }, fs: { total: 0, used: 0 } });
  });

  it('answers the real machine once the admin enables machine stats', async () => {
    await server.ctx.meta.update({ enableServerMachineStats: true });
    try {
      const info = await server.client().request('server-info', {});
      expect(info.machine).toBe(os.hostname());
      expect(info.cpu.cores).toBe(os.cpus().length);
      expect(info.cpu.model).toBe(os.cpus()[0].model);
      expect(info.mem.total).toBe(os.totalmem());
      expect(info.fs.total).toBeGreaterThan(0);
      expect(info.fs.used).toBeGreaterThan(0);
      expect(info.fs.used).toBeLessThanOrEqual(info.fs.total);
    } finally {
      await server.ctx.meta.update({ enableServerMachineStats: false });
    }
  });

  it('answers GET', async () => {
    const res = await server.fetch('/api/server-info', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.body.machine).toBe('?');
  });
});
