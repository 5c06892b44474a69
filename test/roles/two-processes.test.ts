import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { eventually } from '../streaming/helpers.js';
import { expectApiError, policy, roleErrors, roleFor } from './helpers.js';

/**
 * Two Mikan processes on one PostgreSQL, talking through Redis (as with MIKAN_WORKERS=2): a role
 * change made through one is in force in the other as soon as the bus delivers it, though the other
 * had the user's roles in memory.
 */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `mikan-test-roles-${process.pid}-${randomBytes(4).toString('hex')}`;

let a: TestServer;
let b: TestServer;
let root: { id: string; token: string };

beforeAll(async () => {
  a = await startTestServer({ redisUrl: REDIS_URL, rateLimit: false }, { redisPrefix: prefix });
  b = await startTestServer({ redisUrl: REDIS_URL, rateLimit: false }, { redisPrefix: prefix, database: a.databaseName });
  root = await a.createUser({ username: 'root', isAdmin: true });
}, 120_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Within one bus delivery (generous for a loaded machine, far below any cache lifetime). */
const DELIVERY_MS = 2000;

describe('role changes across processes', () => {
  it('assigning, changing and unassigning a role on one process changes policies and moderator status on the other', async () => {
    const user = await a.createUser();
    const onB = b.client(user.token);
    expect(await onB.request('i', {})).toMatchObject({ isModerator: false, policies: expect.objectContaining({ pinLimit: 5 }) });
    await expectApiError(onB.request('admin/roles/list', {}), roleErrors.layer.roleModeratorRequired);

    const role = await roleFor(a.client(root.token), [user.id], { isModerator: true, policies: { pinLimit: policy(8) } });
    await eventually(async () => expect(await onB.request('i', {})).toMatchObject({ isModerator: true, policies: expect.objectContaining({ pinLimit: 8 }) }), DELIVERY_MS);
    expect(await onB.request('admin/roles/list', {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: role.id })]));

    await a.client(root.token).request('admin/roles/update', { roleId: role.id, policies: { pinLimit: policy(11) } } as never);
    await eventually(async () => expect((await onB.request('i', {})).policies.pinLimit).toBe(11), DELIVERY_MS);

    await a.client(root.token).request('admin/roles/unassign', { roleId: role.id, userId: user.id });
    await eventually(async () => expect(await onB.request('i', {})).toMatchObject({ isModerator: false, policies: expect.objectContaining({ pinLimit: 5 }) }), DELIVERY_MS);
  });

  it('default policies changed on one process apply on the other', async () => {
    const user = await a.createUser();
    const onB = b.client(user.token);
    await expect(onB.request('notes/search', { query: 'x' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await a.client(root.token).request('admin/roles/update-default-policies', { policies: { canSearchNotes: true } } as never);
    await eventually(async () => expect(await onB.request('notes/search', { query: 'x' })).toEqual([]), DELIVERY_MS);
  });
});
