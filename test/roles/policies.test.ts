import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stream } from 'misskey-js';
import type { TestServer } from '../harness.js';
import { startDriveServer, upload } from '../drive/helpers.js';
import { expectApiError, policy, roleFor } from './helpers.js';

/**
 * Every role policy, enforced per user: a user holding a role gets its policy, one without keeps the
 * base policy, in the same instance at the same time. Rate limits are on (fresh users per test).
 */
let server: TestServer & { dataDir: string };
let root: { id: string; token: string };
const admin = () => server.client(root.token);

const errors = {
  rateLimitExceeded: { code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef' },
  noFreeSpace: { code: 'NO_FREE_SPACE', id: 'd08dbc37-a6a9-463a-8c47-96c32ab5f064' },
  maxFileSizeExceeded: { code: 'MAX_FILE_SIZE_EXCEEDED', id: '39591dd6-b5e8-4399-bb03-13b0a8a62a21' },
  failedToCreate: { code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0' },
  fileRestrictedByRole: { code: 'RESTRICTED_BY_ROLE', id: '7f59dccb-f465-75ab-5cf4-3ce44e3282f7' },
  profileRestrictedByRole: { code: 'RESTRICTED_BY_ROLE', id: '8feff0ba-5ab5-585b-31f4-4df816663fad' },
  tooManyMentions: { code: 'CONTAINS_TOO_MANY_MENTIONS', id: '4de0363a-3046-481b-9b0f-feff3e211025' },
  searchUnavailable: { code: 'UNAVAILABLE', id: '0b44998d-77aa-4427-80d0-d2c9b8523011' },
  gtlDisabled: { code: 'GTL_DISABLED', id: '0332fc13-6ab2-4427-ae80-a9fadffd1a6b' },
  ltlDisabled: { code: 'LTL_DISABLED', id: '45a6eb02-7695-4393-b023-dd3be9aaaefd' },
  stlDisabled: { code: 'STL_DISABLED', id: '620763f4-f621-4533-ab33-0577a1a3c342' },
  pinLimitExceeded: { code: 'PIN_LIMIT_EXCEEDED', id: '72dab508-c64d-498f-8740-a8eec1ba385a' },
  tooManyUserLists: { code: 'TOO_MANY_USERLISTS', id: '0cf21a28-7715-4f39-a20d-777bfdb8d138' },
  tooManyWebhooks: { code: 'TOO_MANY_WEBHOOKS', id: '87a9bb19-111e-4e37-81d3-a3e7426453b0' },
  tooManyMutedWords: { code: 'TOO_MANY_MUTED_WORDS', id: '010665b1-a211-42d2-bc64-8f6609d79785' },
  tooManyDrafts: { code: 'TOO_MANY_DRAFTS', id: '9ee33bbe-fde3-4c71-9b51-e50492c6b9c8' },
  rolePolicyRequired: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
};

beforeAll(async () => {
  server = await startDriveServer({ rateLimit: true, allowPrivateNetwork: true });
  root = await server.createUser({ username: 'root', isAdmin: true });
});

afterAll(async () => {
  await server?.close();
});

/** A user holding a fresh role with these policies, and a user holding none. */
async function withAndWithout(policies: Record<string, unknown>) {
  const [holder, other] = await Promise.all([server.createUser(), server.createUser()]);
  const role = await roleFor(admin(), [holder.id], { policies });
  return { holder, other, role, as: (user: { token: string }) => server.client(user.token) };
}

describe('merging (RoleService.getUserPolicies)', () => {
  it('i shows the merged policies: highest priority wins, then the largest number / any true; useDefault takes the base value', async () => {
    const user = await server.createUser();
    const me = server.client(user.token);
    expect((await me.request('i', {})).policies).toMatchObject({ pinLimit: 5, canSearchNotes: false, driveCapacityMb: 100 });
    await roleFor(admin(), [user.id], { policies: { pinLimit: policy(2), driveCapacityMb: policy(50), canSearchNotes: policy(true), uploadableFileTypes: policy(['text/csv']) } });
    await roleFor(admin(), [user.id], { policies: { pinLimit: policy(3), driveCapacityMb: { useDefault: true, priority: 0 }, canSearchNotes: policy(false), uploadableFileTypes: policy(['application/pdf']) } });
    let policies = (await me.request('i', {})).policies;
    // Same priority: max(2, 3); max(50, default 100); any(true, false); union of the types.
    expect(policies).toMatchObject({ pinLimit: 3, driveCapacityMb: 100, canSearchNotes: true });
    expect([...policies.uploadableFileTypes].sort()).toEqual(['application/pdf', 'text/csv']);
    // A priority-1 setting beats every priority-0 one, even a larger number.
    await roleFor(admin(), [user.id], { policies: { pinLimit: policy(1, 1) } });
    policies = (await me.request('i', {})).policies;
    expect(policies.pinLimit).toBe(1);
    // Priority 2 beats 1.
    await roleFor(admin(), [user.id], { policies: { pinLimit: policy(4, 2) } });
    expect((await me.request('i', {})).policies.pinLimit).toBe(4);
  });

  it('admin/roles/update-default-policies changes the base for everyone at once; roles keep overriding it', async () => {
    const { holder, other, as } = await withAndWithout({ webhookLimit: policy(1) });
    await admin().request('admin/roles/update-default-policies', { policies: { webhookLimit: 9, noSuchPolicy: 1, pinLimit: 'many' } } as never);
    try {
      expect((await as(other).request('i', {})).policies).toMatchObject({ webhookLimit: 9, pinLimit: 5 });
      expect((await as(holder).request('i', {})).policies.webhookLimit).toBe(1);
      expect((await server.client().request('meta', {})).policies.webhookLimit).toBe(9);
    } finally {
      await admin().request('admin/roles/update-default-policies', { policies: {} } as never);
    }
    expect((await as(other).request('i', {})).policies.webhookLimit).toBe(3);
  });
});

describe('each policy is enforced per user', () => {
  it('rateLimitFactor: 0 lifts the rate limits of the holder only', async () => {
    const { holder, other, as } = await withAndWithout({ rateLimitFactor: policy(0) });
    // i/update allows 20 calls an hour.
    for (let i = 0; i < 21; i++) await as(holder).request('i/update', { name: `n${i}` });
    for (let i = 0; i < 20; i++) await as(other).request('i/update', { name: `n${i}` });
    await expectApiError(as(other).request('i/update', { name: 'one too many' }), errors.rateLimitExceeded);
  });

  it('driveCapacityMb, maxFileSizeMb, uploadableFileTypes, alwaysMarkNsfw', async () => {
    const small = await withAndWithout({ driveCapacityMb: policy(0) });
    await expectApiError(upload(server, small.holder.token, 'hello'), errors.noFreeSpace);
    expect(await upload(server, small.other.token, 'hello')).toMatchObject({ size: 5 });
    expect(await small.as(small.holder).request('drive', {})).toMatchObject({ capacity: 0 });

    const tiny = await withAndWithout({ maxFileSizeMb: policy(0) });
    await expectApiError(upload(server, tiny.holder.token, 'too large'), errors.maxFileSizeExceeded);
    expect(await upload(server, tiny.other.token, 'fine')).toMatchObject({ size: 4 });

    const textOnly = await withAndWithout({ uploadableFileTypes: policy(['application/json']) });
    await expectApiError(upload(server, textOnly.holder.token, 'plain text'), errors.failedToCreate);
    expect(await upload(server, textOnly.holder.token, '{"a":1}', { name: 'a.json' })).toMatchObject({ type: 'application/json' });
    expect(await upload(server, textOnly.other.token, 'plain text')).toMatchObject({ type: 'text/plain' });

    const nsfw = await withAndWithout({ alwaysMarkNsfw: policy(true) });
    const marked = await upload(server, nsfw.holder.token, 'sensitive');
    expect(marked.isSensitive).toBe(true);
    await expectApiError(nsfw.as(nsfw.holder).request('drive/files/update', { fileId: marked.id, isSensitive: false }), errors.fileRestrictedByRole);
    expect((await upload(server, nsfw.other.token, 'sensitive')).isSensitive).toBe(false);
  });

  it('canPublicNote false (silenced): public notes become home, stay off local and global timelines, and isSilenced shows', async () => {
    const { holder, other, as } = await withAndWithout({ canPublicNote: policy(false) });
    const { createdNote } = await as(holder).request('notes/create', { text: 'silenced shout' });
    expect(createdNote.visibility).toBe('home');
    const { createdNote: free } = await as(other).request('notes/create', { text: 'free speech' });
    expect(free.visibility).toBe('public');
    for (const endpoint of ['notes/local-timeline', 'notes/global-timeline'] as const) {
      const timeline: { id: string }[] = await as(other).request(endpoint as 'notes/local-timeline', { limit: 100 });
      const ids = timeline.map((note) => note.id);
      expect(ids).toContain(free.id);
      expect(ids).not.toContain(createdNote.id);
    }
    expect((await as(other).request('users/show', { userId: holder.id })).isSilenced).toBe(true);
    expect((await as(holder).request('users/show', { userId: other.id })).isSilenced).toBe(false);
  });

  it('canSearchNotes', async () => {
    const { holder, other, as } = await withAndWithout({ canSearchNotes: policy(true) });
    expect(await as(holder).request('notes/search', { query: 'anything' })).toEqual(expect.any(Array));
    await expectApiError(as(other).request('notes/search', { query: 'anything' }), errors.searchUnavailable);
  });

  it('gtlAvailable and ltlAvailable, over HTTP and streaming', async () => {
    await admin().request('admin/roles/update-default-policies', { policies: { gtlAvailable: false, ltlAvailable: false } } as never);
    try {
      const { holder, other, as } = await withAndWithout({ gtlAvailable: policy(true), ltlAvailable: policy(true) });
      expect(await as(holder).request('notes/global-timeline', {})).toEqual(expect.any(Array));
      expect(await as(holder).request('notes/local-timeline', {})).toEqual(expect.any(Array));
      expect(await as(holder).request('notes/hybrid-timeline', {})).toEqual(expect.any(Array));
      await expectApiError(as(other).request('notes/global-timeline', {}), errors.gtlDisabled);
      await expectApiError(as(other).request('notes/local-timeline', {}), errors.ltlDisabled);
      await expectApiError(as(other).request('notes/hybrid-timeline', {}), errors.stlDisabled);
      await expectApiError(server.client().request('notes/local-timeline', {}), errors.ltlDisabled);

      // Streaming: the holder's globalTimeline receives a note, the other's channel was refused.
      const poster = await server.createUser();
      const streams = [new Stream(server.url, { token: holder.token }), new Stream(server.url, { token: other.token })];
      try {
        const received: string[][] = [[], []];
        streams.forEach((stream, index) => {
          const channel = stream.useChannel('globalTimeline');
          channel.on('note', (note) => received[index].push(note.text ?? ''));
        });
        await Promise.all(streams.map((stream) => new Promise<void>((resolve) => (stream.state === 'connected' ? resolve() : stream.once('_connected_', () => resolve())))));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await server.client(poster.token).request('notes/create', { text: 'streamed' });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(received[0]).toContain('streamed');
        expect(received[1]).toEqual([]);
      } finally {
        for (const stream of streams) stream.close();
      }
    } finally {
      await admin().request('admin/roles/update-default-policies', { policies: {} } as never);
    }
  });

  it('mentionLimit counts mentions, the replied-to author and specified recipients once each', async () => {
    const { holder, other, as } = await withAndWithout({ mentionLimit: policy(2) });
    const [a, b, c] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    await expectApiError(as(holder).request('notes/create', { text: `@${a.username} @${b.username} @${c.username}` }), errors.tooManyMentions);
    // The same account mentioned twice and also a recipient counts once.
    expect(await as(holder).request('notes/create', { text: `@${a.username} @${a.username} @${b.username}`, visibility: 'specified', visibleUserIds: [a.id, b.id] })).toHaveProperty('createdNote');
    const { createdNote: parent } = await server.client(c.token).request('notes/create', { text: 'parent' });
    // The replied-to author is the third.
    await expectApiError(as(holder).request('notes/create', { text: `@${a.username} @${b.username}`, replyId: parent.id }), errors.tooManyMentions);
    // A specified recipient is one too.
    await expectApiError(as(holder).request('notes/create', { text: `@${a.username} @${b.username}`, visibility: 'specified', visibleUserIds: [c.id] }), errors.tooManyMentions);
    expect(await as(other).request('notes/create', { text: `@${a.username} @${b.username} @${c.username}` })).toHaveProperty('createdNote');
  });

  it('pinLimit, userListLimit, webhookLimit, wordMuteLimit, noteDraftLimit', async () => {
    const { holder, other, as } = await withAndWithout({ pinLimit: policy(1), userListLimit: policy(1), webhookLimit: policy(0), wordMuteLimit: policy(3), noteDraftLimit: policy(1) });
    const notes = [];
    for (const text of ['one', 'two']) notes.push((await as(holder).request('notes/create', { text })).createdNote);
    await as(holder).request('i/pin', { noteId: notes[0].id });
    await expectApiError(as(holder).request('i/pin', { noteId: notes[1].id }), errors.pinLimitExceeded);

    await as(holder).request('users/lists/create', { name: 'one' });
    await expectApiError(as(holder).request('users/lists/create', { name: 'two' }), errors.tooManyUserLists);
    await as(other).request('users/lists/create', { name: 'one' });
    await as(other).request('users/lists/create', { name: 'two' });

    await expectApiError(as(holder).request('i/webhooks/create', { name: 'h', url: 'http://127.0.0.1:9/x', secret: 's', on: ['note'] }), errors.tooManyWebhooks);
    expect(await as(other).request('i/webhooks/create', { name: 'h', url: 'http://127.0.0.1:9/x', secret: 's', on: ['note'] })).toHaveProperty('id');

    await expectApiError(as(holder).request('i/update', { mutedWords: [['abcd']] }), errors.tooManyMutedWords);
    await as(holder).request('i/update', { mutedWords: [['abc']] });
    await as(other).request('i/update', { mutedWords: [['abcd']] });

    await as(holder).request('notes/drafts/create', { text: 'draft one' } as never);
    await expectApiError(as(holder).request('notes/drafts/create', { text: 'draft two' } as never), errors.tooManyDrafts);
    await as(other).request('notes/drafts/create', { text: 'draft one' } as never);
    await as(other).request('notes/drafts/create', { text: 'draft two' } as never);
  });

  it('canUpdateBioMedia false refuses a new avatar or banner, not clearing them', async () => {
    const { holder, other, as } = await withAndWithout({ canUpdateBioMedia: policy(false) });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const mine = await upload(server, holder.token, png, { name: 'a.png' });
    await expectApiError(as(holder).request('i/update', { avatarId: mine.id }), errors.profileRestrictedByRole);
    await expectApiError(as(holder).request('i/update', { bannerId: mine.id }), errors.profileRestrictedByRole);
    await as(holder).request('i/update', { avatarId: null });
    const theirs = await upload(server, other.token, png, { name: 'a.png' });
    expect((await as(other).request('i/update', { avatarId: theirs.id })).avatarId).toBe(theirs.id);
  });

  it('a policy an endpoint requires (canImportMuting for i/import-muting) is asked per user', async () => {
    const { holder, other, as } = await withAndWithout({ canImportMuting: policy(false) });
    await expectApiError(as(holder).request('i/import-muting', { fileId: '0000000000000000' }), errors.rolePolicyRequired);
    // The other user passes the policy check and reaches the endpoint (which finds no such file).
    await expect(as(other).request('i/import-muting', { fileId: '0000000000000000' })).rejects.toMatchObject({ code: 'NO_SUCH_FILE' });
  });
});
