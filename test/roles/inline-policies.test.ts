import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { startDriveServer } from '../drive/helpers.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { policy, roleFor } from './helpers.js';

/** The MisskeyIO fork's per-user inline policies (`admin/roles/update-inline-policies`). */
let server: TestServer;
let root: { id: string; token: string };
let moderator: { id: string; token: string };
const admin = () => server.client(root.token);
const call = (token: string, params: Record<string, unknown>) => server.client(token).request('admin/roles/update-inline-policies' as never, params as never);

const errors = {
  noSuchUser: { code: 'NO_SUCH_USER', id: 'f5b42979-e8e7-4027-9022-3e507ad29828' },
  invalidPolicy: { code: 'INVALID_PARAM', id: '52109192-4e49-4d10-8844-899281fde5a3' },
  invalidOperation: { code: 'INVALID_PARAM', id: 'e0a8b82d-925a-414a-a5fe-993ee35efc6a' },
  invalidValue: { code: 'INVALID_PARAM', id: '6f33c598-400e-4afa-aeb7-9b18965368c4' },
  adminRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' },
  pinLimitExceeded: { code: 'PIN_LIMIT_EXCEEDED', id: '72dab508-c64d-498f-8740-a8eec1ba385a' },
};

beforeAll(async () => {
  server = await startDriveServer();
  root = await server.createUser({ username: 'root', isAdmin: true });
  moderator = await server.createUser({ isModerator: true });
});
afterAll(async () => { await server?.close(); });

describe('admin/roles/update-inline-policies', () => {
  it('set and increment apply on top of the roles, to that account only, at once; the list replaces the old one', async () => {
    const [user, other] = await Promise.all([server.createUser(), server.createUser()]);
    await roleFor(admin(), [user.id, other.id], { policies: { pinLimit: policy(3), clipLimit: policy(4) } });
    await call(root.token, {
      userId: user.id,
      policies: [
        { policy: 'canSearchNotes', value: true, memo: 'trusted researcher' },
        { policy: 'pinLimit', operation: 'increment', value: 2 },
        { policy: 'clipLimit', operation: 'set', value: 1 },
        { policy: 'chatAvailability', value: 'readonly' },
      ],
    });
    const mine = (await server.client(user.token).request('i', {})).policies;
    expect(mine).toMatchObject({ canSearchNotes: true, pinLimit: 5, clipLimit: 1, chatAvailability: 'readonly' });
    expect((await server.client(other.token).request('i', {})).policies).toMatchObject({ canSearchNotes: false, pinLimit: 3, clipLimit: 4 });
    // Enforced, not just shown: the account may now search notes; and pins up to 5.
    await server.client(user.token).request('notes/search', { query: 'anything' });
    const shown = await admin().request('admin/show-user', { userId: user.id });
    expect(shown.policies).toMatchObject({ canSearchNotes: true, pinLimit: 5 });

    // The whole list is replaced: an empty list removes every entry.
    await call(root.token, { userId: user.id, policies: [] });
    expect((await server.client(user.token).request('i', {})).policies).toMatchObject({ canSearchNotes: false, pinLimit: 3, clipLimit: 4 });
  });

  it('an inline limit is enforced: pinLimit set to 1 refuses the second pin', async () => {
    const user = await server.createUser();
    await call(root.token, { userId: user.id, policies: [{ policy: 'pinLimit', value: 1 }] });
    const me = server.client(user.token);
    const [a, b] = [await me.request('notes/create', { text: 'a' }), await me.request('notes/create', { text: 'b' })];
    await me.request('i/pin', { noteId: a.createdNote.id });
    await expectApiError(me.request('i/pin', { noteId: b.createdNote.id }), errors.pinLimitExceeded);
  });

  it('is logged with the entries before and after; an entry sent back with its id keeps it', async () => {
    const user = await server.createUser();
    await call(root.token, { userId: user.id, policies: [{ policy: 'webhookLimit', value: 7, memo: 'integration' }] });
    const logs = await admin().request('admin/show-moderation-logs', { type: 'updateUserInlinePolicies' as never, limit: 10 });
    const first = logs.find((entry) => (entry.info as { userId?: string }).userId === user.id)!;
    expect(first).toMatchObject({ userId: root.id, info: { userId: user.id, userUsername: user.username, before: [], after: [{ policy: 'webhookLimit', operation: 'set', value: 7, memo: 'integration' }] } });
    const entryId = (first.info as unknown as { after: { id: string }[] }).after[0]!.id;
    await call(root.token, { userId: user.id, policies: [{ id: entryId, policy: 'webhookLimit', value: 8 }] });
    const [latest] = (await admin().request('admin/show-moderation-logs', { type: 'updateUserInlinePolicies' as never, limit: 10 }))
      .filter((entry) => (entry.info as { userId?: string }).userId === user.id);
    expect((latest!.info as unknown as { after: { id: string; value: number }[] }).after).toEqual([expect.objectContaining({ id: entryId, value: 8 })]);
    expect((await server.client(user.token).request('i', {})).policies.webhookLimit).toBe(8);
  });

  it('refuses unknown accounts, policies Mikan does not compute, increment on a non-number, values of the wrong type', async () => {
    const user = await server.createUser();
    await expectApiError(call(root.token, { userId: 'zzzzzzzzzzzzzzzz', policies: [] }), errors.noSuchUser);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'canCreateContent', value: false }] }), errors.invalidPolicy);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'canSearchNotes', operation: 'increment', value: 1 }] }), errors.invalidOperation);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'pinLimit', value: 'ten' }] }), errors.invalidValue);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'canSearchNotes', value: null }] }), errors.invalidValue);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'chatAvailability', value: 'sometimes' }] }), errors.invalidValue);
    // Not in the fork's enum, a bad operation, a missing list: the params schema.
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'noSuchPolicy', value: 1 }] }), commonErrors.invalidParam);
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'pinLimit', operation: 'double', value: 1 }] }), commonErrors.invalidParam);
    await expectApiError(call(root.token, { userId: user.id }), commonErrors.invalidParam);
    // A refused list changes nothing (checked before anything is written).
    await expectApiError(call(root.token, { userId: user.id, policies: [{ policy: 'pinLimit', value: 9 }, { policy: 'pinLimit', value: 'x' }] }), errors.invalidValue);
    expect((await server.client(user.token).request('i', {})).policies.pinLimit).toBe(5);
    // Administrators only; an app token needs write:admin:roles.
    await expectApiError(call(moderator.token, { userId: user.id, policies: [] }), errors.adminRequired);
    const weak = await server.createAppToken(root.id, ['read:admin:roles']);
    await expectApiError(call(weak, { userId: user.id, policies: [] }), commonErrors.permissionDenied);
    const strong = await server.createAppToken(root.id, ['write:admin:roles']);
    await call(strong, { userId: user.id, policies: [{ policy: 'pinLimit', value: 6 }] });
    expect((await server.client(user.token).request('i', {})).policies.pinLimit).toBe(6);
  });
});
