import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiErrors } from '../../src/api/errors.js';
import { startDriveServer } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { downloadDriveFile, exportNotifications, importsDone, jobStates } from '../exports-imports/helpers.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { createClip, createUsers, expectApiError, post } from './helpers.js';

/**
 * `i/export-clips` through misskey-js, run by the job queue (the shared export framework: its
 * idempotence after a crash is proven for every kind by test/exports-imports/crash.test.ts).
 */

let server: TestServer;
beforeAll(async () => { server = await startDriveServer(); });
afterAll(async () => { await server?.close(); });

it('writes Misskey\'s ExportClips JSON: every clip with its notes and their authors', async () => {
  const [owner, author] = await createUsers(server, 2);
  const api = server.client(owner!.token);
  const reading = await createClip(server, owner!.token, { name: 'Reading "list"', description: 'later', isPublic: true });
  const empty = await createClip(server, owner!.token, { name: 'empty' });
  const first = await post(server, author!, { text: 'first' });
  const poll = await post(server, owner!, { text: 'vote', poll: { choices: ['a', 'b'] } });
  await api.request('clips/add-note', { clipId: reading.id, noteId: first.id });
  await api.request('clips/add-note', { clipId: reading.id, noteId: poll.id });
  // Native token only (secure): an app token is refused.
  const app = await server.createAppToken(owner!.id, ['read:account', 'write:account']);
  await expectApiError(server.client(app).request('i/export-clips', {}), apiErrors.accessDeniedSecureEndpoint);

  await api.request('i/export-clips', {});
  const notification = await waitFor(async () => (await exportNotifications(server, owner!.token)).find((n) => n.exportedEntity === 'clip'), 30_000);
  // The job is marked done just after its transaction commits: wait for that, then there is exactly one.
  await importsDone(server, 'exportClips', owner!.id);
  expect(await jobStates(server, 'exportClips', owner!.id)).toEqual(['completed']);
  const { file, text } = await downloadDriveFile(server, owner!.token, notification.fileId);
  expect(file.name).toMatch(/^clips-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.json$/);
  expect(file.type).toBe('application/json');
  const clips = JSON.parse(text);
  expect(clips).toHaveLength(2);
  const [exported, exportedEmpty] = clips;
  expect(Object.keys(exported)).toEqual(['id', 'name', 'description', 'lastClippedAt', 'clipNotes']);
  expect(exported).toMatchObject({ id: reading.id, name: 'Reading "list"', description: 'later' });
  expect(Date.parse(exported.lastClippedAt)).not.toBeNaN();
  // Never clipped to: Misskey leaves `lastClippedAt` out.
  expect(exportedEmpty).toEqual({ id: empty.id, name: 'empty', description: null, clipNotes: [] });
  expect(exported.clipNotes).toHaveLength(2);
  for (const clipNote of exported.clipNotes) expect(Object.keys(clipNote)).toEqual(['id', 'createdAt', 'note']);
  expect(exported.clipNotes[0].note).toEqual({
    id: first.id, text: 'first', createdAt: first.createdAt, fileIds: [], replyId: null, renoteId: null, poll: null, cw: null,
    visibility: 'public', visibleUserIds: [], localOnly: false, reactionAcceptance: null, uri: null, url: null,
    user: { id: author!.id, name: null, username: author!.username, host: null, uri: null },
  });
  expect(exported.clipNotes[1].note).toMatchObject({ id: poll.id, poll: { choices: ['a', 'b'], multiple: false, votes: [0, 0], noteId: poll.id } });
});
