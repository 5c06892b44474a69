import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { startDriveServer, upload } from '../drive/helpers.js';
import { expectApiError, policy, roleFor } from './helpers.js';

/**
 * The limit and permission policies not covered by ./policies.test.ts, each given by a role: the
 * holder is held to the role's value, a user without the role to the base policy, side by side.
 */
let server: TestServer;
let root: { id: string; token: string };
const admin = () => server.client(root.token);

const errors = {
  tooManyClips: { code: 'TOO_MANY_CLIPS', id: '920f7c2d-6208-4b76-8082-e632020f5883' },
  tooManyClipNotes: { code: 'TOO_MANY_CLIP_NOTES', id: 'f0dba960-ff73-4615-8df4-d6ac5d9dc118' },
  tooManyAntennas: { code: 'TOO_MANY_ANTENNAS', id: 'faf47050-e8b5-438c-913c-db2b1576fde4' },
  tooManyListUsers: { code: 'TOO_MANY_USERS', id: '2dd9752e-a338-413d-8eec-41814430989b' },
  tooManyScheduledNotes: { code: 'TOO_MANY_SCHEDULED_NOTES', id: '9e33041f-f6fb-414d-98c1-591466e55287' },
  rolePolicyRequired: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
};

beforeAll(async () => {
  server = await startDriveServer();
  root = await server.createUser({ username: 'root', isAdmin: true });
});
afterAll(async () => { await server?.close(); });

async function withAndWithout(policies: Record<string, unknown>) {
  const [holder, other] = await Promise.all([server.createUser(), server.createUser()]);
  await roleFor(admin(), [holder.id], { policies });
  return { holder: server.client(holder.token), other: server.client(other.token), holderId: holder.id, otherId: other.id };
}

const antenna = (name: string) => ({ name, src: 'all', keywords: [['mikan']], excludeKeywords: [], users: [], caseSensitive: false, withReplies: false, withFile: false } as never);

describe('limits given by a role', () => {
  it('clipLimit and noteEachClipsLimit', async () => {
    const { holder, other } = await withAndWithout({ clipLimit: policy(1), noteEachClipsLimit: policy(1) });
    const clip = await holder.request('clips/create', { name: 'one' });
    await expectApiError(holder.request('clips/create', { name: 'two' }), errors.tooManyClips);
    await other.request('clips/create', { name: 'one' });
    await other.request('clips/create', { name: 'two' });
    const [a, b] = [await holder.request('notes/create', { text: 'a' }), await holder.request('notes/create', { text: 'b' })];
    await holder.request('clips/add-note', { clipId: clip.id, noteId: a.createdNote.id });
    await expectApiError(holder.request('clips/add-note', { clipId: clip.id, noteId: b.createdNote.id }), errors.tooManyClipNotes);
    const otherClip = await other.request('clips/create', { name: 'three' });
    await other.request('clips/add-note', { clipId: otherClip.id, noteId: a.createdNote.id });
    await other.request('clips/add-note', { clipId: otherClip.id, noteId: b.createdNote.id });
  });

  it('antennaLimit', async () => {
    const { holder, other } = await withAndWithout({ antennaLimit: policy(1) });
    await holder.request('antennas/create', antenna('one'));
    await expectApiError(holder.request('antennas/create', antenna('two')), errors.tooManyAntennas);
    await other.request('antennas/create', antenna('one'));
    await other.request('antennas/create', antenna('two'));
  });

  it('userEachUserListsLimit', async () => {
    const { holder, other } = await withAndWithout({ userEachUserListsLimit: policy(1) });
    const [a, b] = await Promise.all([server.createUser(), server.createUser()]);
    const list = await holder.request('users/lists/create', { name: 'l' });
    await holder.request('users/lists/push', { listId: list.id, userId: a.id });
    await expectApiError(holder.request('users/lists/push', { listId: list.id, userId: b.id }), errors.tooManyListUsers);
    const otherList = await other.request('users/lists/create', { name: 'l' });
    await other.request('users/lists/push', { listId: otherList.id, userId: a.id });
    await other.request('users/lists/push', { listId: otherList.id, userId: b.id });
  });

  it('scheduledNoteLimit (a role may raise it above the base 1)', async () => {
    const { holder, other } = await withAndWithout({ scheduledNoteLimit: policy(2) });
    const later = Date.now() + 3_600_000;
    const schedule = (api: typeof holder, text: string) => api.request('notes/drafts/create', { text, scheduledAt: later, isActuallyScheduled: true });
    await schedule(holder, '1');
    await schedule(holder, '2');
    await expectApiError(schedule(holder, '3'), errors.tooManyScheduledNotes);
    await schedule(other, '1');
    await expectApiError(schedule(other, '2'), errors.tooManyScheduledNotes);
  });
});

describe('permissions given or taken by a role', () => {
  it('canCreateChannel false refuses channels/create to the holder only', async () => {
    const { holder, other } = await withAndWithout({ canCreateChannel: policy(false) });
    await expectApiError(holder.request('channels/create', { name: 'no' } as never), errors.rolePolicyRequired);
    await expect(other.request('channels/create', { name: 'yes' } as never)).resolves.toMatchObject({ name: 'yes' });
  });

  it('canCreateChannel true given by a role over a base that denies it', async () => {
    await admin().request('admin/roles/update-default-policies', { policies: { canCreateChannel: false } } as never);
    try {
      const { holder, other } = await withAndWithout({ canCreateChannel: policy(true) });
      await expect(holder.request('channels/create', { name: 'granted' } as never)).resolves.toMatchObject({ name: 'granted' });
      await expectApiError(other.request('channels/create', { name: 'refused' } as never), errors.rolePolicyRequired);
    } finally {
      await admin().request('admin/roles/update-default-policies', { policies: {} } as never);
    }
  });

  it('canImportAntennas, canImportBlocking, canImportFollowing, canImportUserLists (canImportMuting: ./policies.test.ts)', async () => {
    const { holder, other } = await withAndWithout({
      canImportAntennas: policy(false), canImportBlocking: policy(false), canImportFollowing: policy(false), canImportUserLists: policy(false),
    });
    for (const endpoint of ['i/import-antennas', 'i/import-blocking', 'i/import-following', 'i/import-user-lists'] as const) {
      await expectApiError(holder.request(endpoint as 'i/import-muting', { fileId: '0000000000000000' } as never), errors.rolePolicyRequired);
      // Without the role the policy check passes and the endpoint looks for the file.
      await expect(other.request(endpoint as 'i/import-muting', { fileId: '0000000000000000' } as never)).rejects.toMatchObject({ code: 'NO_SUCH_FILE' });
    }
  });
});
