import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { NoteRow, UserRow, UserWebhookEvent, UserWebhookRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packNote } from '../notes/pack.js';
import { packUserDetailed, packUserLite } from '../users/pack.js';
import { enqueueWebhookDelivery } from './queue.js';

/** A note that exists nowhere, by the webhook's owner, as Misskey's webhook test sends. */
function dummyNote(owner: UserRow, text: string): NoteRow {
  const now = Date.now();
  const id = genId(now);
  return {
    id, createdAt: new Date(now), updatedAt: null, userId: owner.id, userHost: null, text, cw: null,
    visibility: 'public', localOnly: false, reactionAcceptance: null, replyId: null, replyUserId: null,
    renoteId: null, renoteUserId: null, threadId: id, channelId: null, fileIds: [], attachedFileTypes: [],
    visibleUserIds: [], mentions: [], tags: [], emojis: [], hasPoll: false, repliesCount: 0, renoteCount: 0,
    clippedCount: 0, reactions: {}, uri: null, url: null,
  };
}

/** The `body` of a test event of `type`: made-up notes of the owner, the owner as the user. */
async function dummyContent(ctx: AppContext, owner: UserRow, type: UserWebhookEvent): Promise<unknown> {
  const viewer: AuthUser = { id: owner.id, username: owner.username, host: null, isAdmin: owner.isAdmin, isModerator: owner.isModerator, isSuspended: owner.isSuspended };
  switch (type) {
    case 'note': case 'reply': case 'renote': case 'mention':
      return { note: await packNote(ctx, dummyNote(owner, `This is a test ${type} webhook.`), viewer) };
    case 'follow': case 'unfollow':
      return { user: (await packUserDetailed(ctx, [owner], viewer))[0] };
    case 'followed':
      return { user: packUserLite(ctx, owner) };
    case 'reaction':
      return {
        note: await packNote(ctx, dummyNote(owner, 'This is a test reaction webhook.'), viewer),
        reaction: { id: genId(), user: packUserLite(ctx, owner), reaction: '👍' },
      };
  }
}

/**
 * i/webhooks/test: one made-up event of `type` to the webhook (or to `override`'s URL/secret),
 * through the same delivery as real events, whether or not the webhook is active or listens to it.
 */
export async function sendTestWebhook(ctx: AppContext, owner: UserRow, webhook: UserWebhookRow, type: UserWebhookEvent, override: { url?: string; secret?: string } = {}): Promise<void> {
  await enqueueWebhookDelivery(ctx, {
    webhookId: webhook.id,
    userId: owner.id,
    url: override.url ?? webhook.url,
    secret: override.secret ?? webhook.secret,
    type,
    eventId: randomUUID(),
    createdAt: Date.now(),
    content: await dummyContent(ctx, owner, type),
  });
}
