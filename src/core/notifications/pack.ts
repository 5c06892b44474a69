import { isAchievementName } from '../achievements/names.js';
import type { AppContext } from '../../context.js';
import type { NotificationRow } from '../../db/schema/index.js';
import { packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import { inArray } from 'drizzle-orm';
import { chatRoomInvitations, noteDrafts, notes as notesTable } from '../../db/schema/index.js';
import { packInvitations } from '../chat/pack.js';
import type { ChatRoomInvitation } from '../chat/schema.js';
import { packDrafts } from '../drafts/drafts.js';
import type { NoteDraft } from '../drafts/schema.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packNotes } from '../notes/pack.js';
import type { Note } from '../notes/schema.js';
import type { Notification } from './schema.js';
import type { ExportedEntity } from './create.js';

/** Notification types that carry a note (`note` packed for the notifiee). */
const NOTE_TYPES = new Set(['mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded', 'scheduledNotePosted']);

/**
 * The notes the rows point at, packed for each row's notifiee (one packNotes per notifiee; a page
 * of `i/notifications` has one). Notes that are gone are missing from the map.
 */
async function packNotificationNotes(ctx: AppContext, rows: readonly NotificationRow[]): Promise<Map<string, Note>> {
  const result = new Map<string, Note>();
  const byNotifiee = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.noteId || !NOTE_TYPES.has(row.type)) continue;
    let set = byNotifiee.get(row.notifieeId);
    if (!set) byNotifiee.set(row.notifieeId, set = new Set());
    set.add(row.noteId);
  }
  if (byNotifiee.size === 0) return result;
  const allIds = [...new Set([...byNotifiee.values()].flatMap((set) => [...set]))];
  const noteRows = await ctx.db.select().from(notesTable).where(inArray(notesTable.id, allIds));
  for (const [notifieeId, ids] of byNotifiee) {
    // Packing reads only the viewer's id.
    const viewer: AuthUser = { id: notifieeId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
    const packed = await packNotes(ctx, noteRows.filter((note) => ids.has(note.id)), viewer);
    for (const note of packed) result.set(`${notifieeId}:${note.id}`, note);
  }
  return result;
}

/** The drafts `scheduledNotePostFailed` rows point at, packed for their owners; drafts deleted since are missing. */
async function packNotificationDrafts(ctx: AppContext, rows: readonly NotificationRow[]): Promise<Map<string, NoteDraft>> {
  const ids = [...new Set(rows.flatMap((row) => (row.type === 'scheduledNotePostFailed' && row.noteDraftId ? [row.noteDraftId] : [])))];
  if (ids.length === 0) return new Map();
  const draftRows = await ctx.db.select().from(noteDrafts).where(inArray(noteDrafts.id, ids));
  const packed = new Map<string, NoteDraft>();
  for (const row of draftRows) {
    const viewer: AuthUser = { id: row.userId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
    for (const draft of await packDrafts(ctx, [row], viewer)) packed.set(draft.id, draft);
  }
  return packed;
}

/** The invitations `chatRoomInvitationReceived` notifications name, packed for their invitees. */
async function packNotificationInvitations(ctx: AppContext, rows: readonly NotificationRow[]): Promise<Map<string, ChatRoomInvitation>> {
  const ids = [...new Set(rows.flatMap((row) => (row.type === 'chatRoomInvitationReceived' && row.chatRoomInvitationId ? [row.chatRoomInvitationId] : [])))];
  if (ids.length === 0) return new Map();
  const invitationRows = await ctx.db.select().from(chatRoomInvitations).where(inArray(chatRoomInvitations.id, ids));
  const packed = new Map<string, ChatRoomInvitation>();
  for (const row of invitationRows) {
    const viewer: AuthUser = { id: row.userId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
    for (const invitation of await packInvitations(ctx, [row], viewer)) packed.set(invitation.id, invitation);
  }
  return packed;
}

/**
 * Notifications as clients show them, in order; one query for all notifiers. Notifications whose
 * notifier is gone, or of a type this server cannot pack yet, are left out (Misskey drops them too).
 */
export async function packNotifications(ctx: AppContext, rows: readonly NotificationRow[]): Promise<Notification[]> {
  const notifierIds = [...new Set(rows.flatMap((row) => (row.notifierId ? [row.notifierId] : [])))];
  const [notifierRows, notes, drafts, invitations] = await Promise.all([
    findUsersByIds(ctx, notifierIds), packNotificationNotes(ctx, rows), packNotificationDrafts(ctx, rows), packNotificationInvitations(ctx, rows),
  ]);
  const notifiers = new Map(notifierRows.map((user) => [user.id, packUserLite(ctx, user)]));
  return rows.flatMap((row): Notification[] => {
    const base = { id: row.id, createdAt: row.createdAt.toISOString() };
    if (row.type === 'app') return [{ ...base, type: 'app', body: row.customBody ?? '', header: row.customHeader, icon: row.customIcon }];
    // About the account itself: no notifier.
    if (row.type === 'login') return [{ ...base, type: 'login' }];
    if (row.type === 'createToken') return [{ ...base, type: 'createToken' }];
    if (row.type === 'test') return [{ ...base, type: 'test' }];
    if (row.type === 'chatRoomInvitationReceived') {
      const invitation = row.chatRoomInvitationId ? invitations.get(row.chatRoomInvitationId) : undefined;
      return invitation ? [{ ...base, type: 'chatRoomInvitationReceived', invitation }] : [];
    }
    if (row.type === 'achievementEarned') {
      return row.achievement && isAchievementName(row.achievement) ? [{ ...base, type: 'achievementEarned', achievement: row.achievement as Extract<Notification, { type: 'achievementEarned' }>['achievement'] }] : [];
    }
    if (row.type === 'scheduledNotePosted') {
      const note = row.noteId ? notes.get(`${row.notifieeId}:${row.noteId}`) : undefined;
      return note ? [{ ...base, type: 'scheduledNotePosted', note }] : [];
    }
    if (row.type === 'scheduledNotePostFailed') {
      const noteDraft = row.noteDraftId ? drafts.get(row.noteDraftId) : undefined;
      return noteDraft ? [{ ...base, type: 'scheduledNotePostFailed', noteDraft }] : [];
    }
    if (row.type === 'exportCompleted') {
      return row.exportedEntity && row.fileId ? [{ ...base, type: 'exportCompleted', exportedEntity: row.exportedEntity as ExportedEntity, fileId: row.fileId }] : [];
    }
    if (row.type === 'pollEnded') {
      // From the poll's author (the author's own has no notifier).
      const note = row.noteId ? notes.get(`${row.notifieeId}:${row.noteId}`) : undefined;
      return note ? [{ ...base, type: 'pollEnded', user: note.user, userId: note.userId, note }] : [];
    }
    const user = row.notifierId ? notifiers.get(row.notifierId) : undefined;
    if (!user) return [];
    const from = { ...base, user, userId: user.id };
    switch (row.type) {
      case 'follow': return [{ ...from, type: 'follow' }];
      case 'receiveFollowRequest': return [{ ...from, type: 'receiveFollowRequest' }];
      case 'followRequestAccepted': return [{ ...from, type: 'followRequestAccepted', message: row.message }];
      case 'mention': case 'reply': case 'renote': case 'quote': {
        const note = row.noteId ? notes.get(`${row.notifieeId}:${row.noteId}`) : undefined;
        return note ? [{ ...from, type: row.type, note }] : [];
      }
      case 'reaction': {
        const note = row.noteId ? notes.get(`${row.notifieeId}:${row.noteId}`) : undefined;
        return note ? [{ ...from, type: 'reaction', note, reaction: row.reaction ?? '' }] : [];
      }
      default: return [];
    }
  });
}
