import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packUserDetailed } from '../../src/core/users/pack.js';
import { findUserById, findUsersByIds } from '../../src/core/users/read.js';
import { spyOnQueries, startTestServer, type TestServer } from '../harness.js';
import { createUsers } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

describe('packUserDetailed', () => {
  it('costs a fixed number of queries however many users it packs, with correct relations', async () => {
    const [viewer] = await createUsers(server, 1);
    const others = await createUsers(server, 40);
    for (const other of others.slice(0, 10)) await server.client(viewer.token).request('following/create', { userId: other.id });
    await server.client(others[11]!.token).request('following/create', { userId: viewer.id });
    await server.client(viewer.token).request('blocking/create', { userId: others[12]!.id });
    await server.client(viewer.token).request('mute/create', { userId: others[13]!.id });
    // The follows above notify, and each notification asks two seconds later whether it is still
    // unread (src/core/notifications/create.ts): let those queries pass before counting ours.
    await new Promise((resolve) => setTimeout(resolve, 2200));

    const me = (await findUserById(server.ctx, viewer.id))!;
    const auth = { id: me.id, username: me.username, host: me.host, isAdmin: false, isModerator: false, isSuspended: false };
    const count = async (ids: string[]) => {
      const rows = await findUsersByIds(server.ctx, ids);
      const spy = spyOnQueries(server.ctx);
      try {
        const packed = await packUserDetailed(server.ctx, rows, auth);
        return { queries: spy.count(), packed };
      } finally {
        spy.restore();
      }
    };
    const few = await count(others.slice(0, 2).map((u) => u.id));
    const many = await count(others.map((u) => u.id));
    expect(many.queries).toBe(few.queries);
    // profiles, relations, pinned notes (+ one packNotes batch when any are pinned)
    expect(many.queries).toBeLessThanOrEqual(3);
    const withMe = await count([viewer.id, ...others.map((u) => u.id)]);
    // and the viewer's own state: unread notifications, a pending follow request, unread announcements, unread chat messages
    expect(withMe.queries).toBeLessThanOrEqual(7);

    const byId = new Map(many.packed.map((u: any) => [u.id, u]));
    expect(byId.get(others[0]!.id)).toMatchObject({ isFollowing: true, isFollowed: false });
    expect(byId.get(others[11]!.id)).toMatchObject({ isFollowing: false, isFollowed: true });
    expect(byId.get(others[12]!.id)).toMatchObject({ isBlocking: true });
    expect(byId.get(others[13]!.id)).toMatchObject({ isMuted: true });
    expect(byId.get(others[20]!.id)).toMatchObject({ isFollowing: false, isBlocking: false, isMuted: false });
  });
});
