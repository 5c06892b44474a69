import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { noteDrafts, notes } from '../../src/db/schema/index.js';
import { postScheduledNote } from '../../src/core/drafts/post-scheduled.js';
import { createNote } from '../../src/core/notes/create.js';

/** Error codes and ids: notes/create's and the fork's scheduling errors from ../shared/spec/errors.tsv. */
const e = {
  ...commonErrors,
  noSuchReplyTarget: { code: 'NO_SUCH_REPLY_TARGET', id: '749ee0f6-d3da-459a-bf02-282e2da4292c' },
  noSuchFile: { code: 'NO_SUCH_FILE', id: 'b6992544-63e7-67f0-fa7f-32444b1b5306' },
  cannotCreateAlreadyExpiredPoll: { code: 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', id: '04da457d-b083-4055-9082-955525eda5a5' },
  cannotScheduleToPast: { code: 'CANNOT_SCHEDULE_TO_PAST', id: 'e577d185-8179-4a17-b47f-6093985558e6' },
  tooManyScheduledNotes: { code: 'TOO_MANY_SCHEDULED_NOTES', id: '9e33041f-f6fb-414d-98c1-591466e55287' },
  tooManyDrafts: { code: 'TOO_MANY_DRAFTS', id: '9ee33bbe-fde3-4c71-9b51-e50492c6b9c8' },
  noSuchDraft: { code: 'NO_SUCH_DRAFT', id: '49cd6b9d-848e-41ee-b0b9-adaca711a6b1' },
  cancelNoSuchDraft: { code: 'NO_SUCH_DRAFT', id: '91c2ad21-fb45-4f2a-ba4c-ea749b262947' },
} as const;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
});

afterAll(async () => {
  await server?.close();
});

async function notificationsOf(token: string, type: string): Promise<any[]> {
  const all = await server.client(token).request('i/notifications', { includeTypes: [type as any] });
  return all.filter((n: any) => n.type === type);
}

describe('notes/drafts/*', () => {
  it('creates, lists, counts, updates and deletes the caller\'s drafts', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const api = server.client(alice.token);
    const { createdNote: target } = await server.client(bob.token).request('notes/create', { text: 'target' });
    const { createdDraft } = await api.request('notes/drafts/create', {
      text: 'draft text', cw: 'cw', visibility: 'home', replyId: target.id, poll: { choices: ['a', 'b'], expiredAfter: 60_000 },
    });
    expect(createdDraft).toMatchObject({
      text: 'draft text', cw: 'cw', userId: alice.id, user: { id: alice.id }, replyId: target.id, reply: { id: target.id },
      renoteId: null, visibility: 'home', visibleUserIds: [], fileIds: [], files: [], hashtag: null, channelId: null,
      poll: { choices: ['a', 'b'], multiple: false, expiredAfter: 60_000, expiresAt: null }, localOnly: false,
      reactionAcceptance: null, scheduledAt: null, isActuallyScheduled: false,
    });
    expect(await api.request('notes/drafts/count', {})).toBe(1);
    expect((await api.request('notes/drafts/list', {})).map((d) => d.id)).toEqual([createdDraft.id]);

    const { updatedDraft } = await api.request('notes/drafts/update', { draftId: createdDraft.id, text: 'changed', poll: null });
    expect(updatedDraft).toMatchObject({ id: createdDraft.id, text: 'changed', cw: 'cw', poll: null, replyId: target.id });

    // Bob sees none of it.
    const asBob = server.client(bob.token);
    expect(await asBob.request('notes/drafts/count', {})).toBe(0);
    expect(await asBob.request('notes/drafts/list', {})).toEqual([]);
    await expectApiError(asBob.request('notes/drafts/update', { draftId: createdDraft.id, text: 'x' }), e.noSuchDraft);
    await expectApiError(asBob.request('notes/drafts/delete', { draftId: createdDraft.id }), e.noSuchDraft);

    await api.request('notes/drafts/delete', { draftId: createdDraft.id });
    expect(await api.request('notes/drafts/count', {})).toBe(0);
    await expectApiError(api.request('notes/drafts/delete', { draftId: createdDraft.id }), e.noSuchDraft);
  });

  it('refuses what notes/create would refuse, and keeps to noteDraftLimit', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const api = server.client(alice.token);
    await expectApiError(api.request('notes/drafts/create', { text: 'x', replyId: 'zzzzzzzzzzzzzzzz' }), e.noSuchReplyTarget);
    await expectApiError(api.request('notes/drafts/create', { text: 'x', poll: { choices: ['a', 'b'], expiresAt: Date.now() - 1000 } }), e.cannotCreateAlreadyExpiredPoll);
    const bobsFile = await server.fetch('/api/drive/files/create', {
      headers: { authorization: `Bearer ${bob.token}` },
      body: (() => { const form = new FormData(); form.append('file', new Blob(['hi'], { type: 'text/plain' }), 'a.txt'); return form; })(),
    });
    expect(bobsFile.status).toBe(200);
    await expectApiError(api.request('notes/drafts/create', { text: 'x', fileIds: [bobsFile.body.id] }), e.noSuchFile);
    await expectApiError(api.request('notes/drafts/create', { text: 'x'.repeat(3001) }), e.invalidParam);
    expect(await api.request('notes/drafts/count', {})).toBe(0);

    const limit = server.ctx.meta.policies.noteDraftLimit;
    for (let i = 0; i < limit; i++) await api.request('notes/drafts/create', { text: `d${i}` });
    await expectApiError(api.request('notes/drafts/create', { text: 'one too many' }), e.tooManyDrafts);
    expect(await api.request('notes/drafts/count', {})).toBe(limit);

    const readOnly = server.client(await server.createAppToken(alice.id, ['read:account']));
    await expectApiError(readOnly.request('notes/drafts/create', { text: 'x' }), e.permissionDenied);
    expect(await readOnly.request('notes/drafts/count', {})).toBe(limit);
  });
});

describe('scheduled notes', () => {
  it('refuses a schedule in the past or beyond scheduledNoteLimit; lists and cancels scheduled ones', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    await expectApiError(api.request('notes/drafts/create', { text: 'x', scheduledAt: Date.now() - 1000, isActuallyScheduled: true }), e.cannotScheduleToPast);
    await expectApiError(api.request('notes/drafts/create', { text: 'x', isActuallyScheduled: true }), e.cannotScheduleToPast);
    const later = Date.now() + 3_600_000;
    const { createdDraft: scheduled } = await api.request('notes/drafts/create', { text: 'later', scheduledAt: later, isActuallyScheduled: true });
    expect(scheduled).toMatchObject({ scheduledAt: later, isActuallyScheduled: true });
    expect(server.ctx.meta.policies.scheduledNoteLimit).toBe(1);
    await expectApiError(api.request('notes/drafts/create', { text: 'y', scheduledAt: later, isActuallyScheduled: true }), e.tooManyScheduledNotes);
    // A draft with a time but not scheduled counts as a plain draft.
    const { createdDraft: plain } = await api.request('notes/drafts/create', { text: 'y', scheduledAt: later });
    await expectApiError(api.request('notes/drafts/update', { draftId: plain.id, isActuallyScheduled: true }), e.tooManyScheduledNotes);

    expect((await api.request('notes/drafts/list', { scheduled: true })).map((d) => d.id)).toEqual([scheduled.id]);
    expect((await api.request('notes/drafts/list', { scheduled: false })).map((d) => d.id)).toEqual([plain.id]);
    const scheduledList = await server.fetch('/api/notes/scheduled/list', { json: { i: alice.token } });
    expect(scheduledList.body.map((d: any) => d.id)).toEqual([scheduled.id]);

    const cancelPlain = await server.fetch('/api/notes/scheduled/cancel', { json: { i: alice.token, draftId: plain.id } });
    expect(cancelPlain.body.error).toMatchObject(e.cancelNoSuchDraft);
    const cancel = await server.fetch('/api/notes/scheduled/cancel', { json: { i: alice.token, draftId: scheduled.id } });
    expect(cancel.status).toBe(204);
    expect((await api.request('notes/drafts/list', {})).map((d) => d.id)).toEqual([plain.id]);
  });

  it('posts a scheduled note at its time, notifies scheduledNotePosted and removes the draft', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const { createdDraft } = await api.request('notes/drafts/create', { text: 'on time', visibility: 'home', scheduledAt: Date.now() + 1500, isActuallyScheduled: true });
    const [posted] = await waitFor(async () => { const found = await notificationsOf(alice.token, 'scheduledNotePosted'); return found.length > 0 && found; }, 30_000);
    expect(posted.note).toMatchObject({ text: 'on time', visibility: 'home', userId: alice.id });
    expect(Date.parse(posted.note.createdAt)).toBeGreaterThanOrEqual(createdDraft.scheduledAt!);
    expect(await api.request('notes/drafts/count', {})).toBe(0);
    const mine = await api.request('users/notes', { userId: alice.id });
    expect(mine.map((n) => n.text)).toEqual(['on time']);
  }, 60_000);

  it('a note that cannot be posted any more is unscheduled and notified as scheduledNotePostFailed', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const { createdNote: target } = await api.request('notes/create', { text: 'soon gone' });
    const { createdDraft } = await api.request('notes/drafts/create', { text: 'reply', replyId: target.id, scheduledAt: Date.now() + 1500, isActuallyScheduled: true });
    await api.request('notes/delete', { noteId: target.id });
    const [failed] = await waitFor(async () => { const found = await notificationsOf(alice.token, 'scheduledNotePostFailed'); return found.length > 0 && found; }, 30_000);
    expect(failed.noteDraft).toMatchObject({ id: createdDraft.id, text: 'reply', isActuallyScheduled: false, reply: null });
    expect((await api.request('users/notes', { userId: alice.id })).map((n) => n.text)).toEqual([]);
  }, 60_000);

  it('posts exactly once however often the job runs, also after a crash right after posting', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const { createdDraft } = await api.request('notes/drafts/create', { text: 'once', scheduledAt: Date.now() + 3_600_000, isActuallyScheduled: true });
    const db = server.ctx.db;
    // Its time has come, and a first run reserved the id and posted, then died before cleaning up.
    const reservedId = 'a'.repeat(8) + createdDraft.id.slice(8);
    await db.update(noteDrafts).set({ scheduledAt: new Date(Date.now() - 1000), postingNoteId: reservedId }).where(eq(noteDrafts.id, createdDraft.id));
    await createNote(server.ctx, { id: alice.id, username: alice.username, host: null, isAdmin: false, isModerator: false, isSuspended: false }, { text: 'once' }, { id: reservedId });

    await Promise.all([postScheduledNote(server.ctx, { noteDraftId: createdDraft.id }), postScheduledNote(server.ctx, { noteDraftId: createdDraft.id })]);
    await postScheduledNote(server.ctx, { noteDraftId: createdDraft.id });
    const posted = await db.select().from(notes).where(eq(notes.userId, alice.id));
    expect(posted.map((n) => n.id)).toEqual([reservedId]);
    expect(await api.request('notes/drafts/count', {})).toBe(0);
    expect(await notificationsOf(alice.token, 'scheduledNotePosted')).toHaveLength(1);
  });

  it('a job for a draft rescheduled to later posts nothing yet', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const { createdDraft } = await api.request('notes/drafts/create', { text: 'not yet', scheduledAt: Date.now() + 3_600_000, isActuallyScheduled: true });
    await postScheduledNote(server.ctx, { noteDraftId: createdDraft.id });
    expect(await api.request('notes/drafts/list', {})).toMatchObject([{ id: createdDraft.id, isActuallyScheduled: true }]);
    const [row] = await server.ctx.db.select().from(noteDrafts).where(eq(noteDrafts.id, createdDraft.id));
    expect(row!.postingNoteId).toBeNull();
    expect(await api.request('users/notes', { userId: alice.id })).toEqual([]);
  });
});
