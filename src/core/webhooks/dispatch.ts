import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userWebhooks, type NoteRow, type UserRow, type UserWebhookEvent, type UserWebhookRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packNote } from '../notes/pack.js';
import { packUserDetailed, packUserLite } from '../users/pack.js';
import { enqueueWebhookDelivery } from './queue.js';

/** Active webhooks of these users that listen to at least one of these events: one indexed query. */
async function activeWebhooks(ctx: AppContext, userIds: readonly string[]): Promise<UserWebhookRow[]> {
  if (userIds.length === 0) return [];
  return ctx.db.select().from(userWebhooks).where(and(inArray(userWebhooks.userId, [...new Set(userIds)]), eq(userWebhooks.active, true)));
}

/** Queues one delivery per webhook, all with the same event time; each gets its own eventId. */
async function enqueueAll(ctx: AppContext, webhooks: readonly UserWebhookRow[], type: UserWebhookEvent, content: unknown): Promise<void> {
  const createdAt = Date.now();
  for (const webhook of webhooks) {
    await enqueueWebhookDelivery(ctx, {
      webhookId: webhook.id, userId: webhook.userId, url: webhook.url, secret: webhook.secret,
      type, eventId: randomUUID(), createdAt, content,
    });
  }
}

function viewerOf(userId: string): AuthUser {
  // Packing reads only the viewer's id.
  return { id: userId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
}

function listening(webhooks: readonly UserWebhookRow[], userId: string, type: UserWebhookEvent): UserWebhookRow[] {
  return webhooks.filter((webhook) => webhook.userId === userId && webhook.on.includes(type));
}

/**
 * The webhook events of a new note, as Misskey sends them: `note` to the author, `reply` to the
 * replied-to author, `renote` to the renoted author (renotes and quotes), `mention` to each
 * mentioned local user. The note is packed as its receiver sees it. Called after the note committed.
 */
export async function emitNoteWebhooks(ctx: AppContext, note: NoteRow): Promise<void> {
  const receivers: [string, UserWebhookEvent][] = [[note.userId, 'note']];
  if (note.replyUserId && note.replyUserId !== note.userId) receivers.push([note.replyUserId, 'reply']);
  if (note.renoteUserId && note.renoteUserId !== note.userId) receivers.push([note.renoteUserId, 'renote']);
  for (const userId of note.mentions) if (userId !== note.userId) receivers.push([userId, 'mention']);
  const webhooks = await activeWebhooks(ctx, receivers.map(([userId]) => userId));
  if (webhooks.length === 0) return;
  const packedFor = new Map<string, Promise<unknown>>();
  for (const [userId, type] of receivers) {
    const targets = listening(webhooks, userId, type);
    if (targets.length === 0) continue;
    let packed = packedFor.get(userId);
    if (!packed) packedFor.set(userId, packed = packNote(ctx, note, viewerOf(userId)));
    await enqueueAll(ctx, targets, type, { note: await packed });
  }
}

/**
 * `follow` (the followee, detailed) and `unfollow` to the follower's webhooks, `followed` (the
 * follower, lite) to the followee's, as Misskey sends them.
 */
export async function emitFollowWebhooks(ctx: AppContext, kind: 'follow' | 'unfollow', follower: UserRow, followee: UserRow): Promise<void> {
  const webhooks = await activeWebhooks(ctx, [follower.id, followee.id]);
  const forFollower = listening(webhooks, follower.id, kind);
  if (forFollower.length > 0) {
    const [user] = await packUserDetailed(ctx, [followee], viewerOf(follower.id));
    await enqueueAll(ctx, forFollower, kind, { user });
  }
  if (kind === 'follow') {
    const forFollowee = listening(webhooks, followee.id, 'followed');
    if (forFollowee.length > 0) await enqueueAll(ctx, forFollowee, 'followed', { user: packUserLite(ctx, follower) });
  }
}

/** `reaction` to the note author's webhooks: the note and `{ id, user, reaction }`. */
export async function emitReactionWebhooks(ctx: AppContext, note: NoteRow, reaction: { id: string; user: UserRow; reaction: string }): Promise<void> {
  if (note.userHost != null || reaction.user.id === note.userId) return;
  const targets = listening(await activeWebhooks(ctx, [note.userId]), note.userId, 'reaction');
  if (targets.length === 0) return;
  const packedNote = await packNote(ctx, note, viewerOf(note.userId));
  await enqueueAll(ctx, targets, 'reaction', {
    note: packedNote,
    reaction: { id: reaction.id, user: packUserLite(ctx, reaction.user), reaction: reaction.reaction },
  });
}
