import { topics, type StreamEvent } from '../../bus/topics.js';
import { Channel, type ChannelDefinition } from '../channel.js';
import { isHiddenUser } from '../viewer.js';

/** Events whose subject is another user's note: hidden when that user is muted or blocked. */
const NOTE_EVENTS = new Set(['mention', 'reply', 'renote']);
const NOTIFICATION_EVENTS = new Set(['notification', 'unreadNotification']);
/**
 * Events carrying secure data (a sign-in's IP address and user agent): only for the user's own web
 * session (a native token), as `i/signin-history` is `secure`; never for an app token, even with `read:account`.
 */
const SECURE_EVENTS = new Set(['signin']);

/**
 * `main`: the signed-in user's own events (`mainStream:<userId>`): notifications, mentions, replies,
 * renotes, follows, `meUpdated`, unread state, drive uploads... sent as published. Notifications
 * and notes from users the viewer mutes or blocks are dropped (Misskey's main channel does too).
 */
class MainChannel extends Channel {
  init(): boolean {
    const userId = this.user!.id;
    this.listen(topics.main(userId), async (message) => {
      const event = message as StreamEvent<Record<string, unknown> | null>;
      if (typeof event?.type !== 'string') return;
      if (SECURE_EVENTS.has(event.type) && !this.connection.token?.isNative) return;
      const body = event.body;
      let author: unknown;
      if (NOTIFICATION_EVENTS.has(event.type)) author = body?.userId;
      else if (NOTE_EVENTS.has(event.type)) author = body?.userId;
      if (typeof author === 'string') {
        const viewer = await this.connection.viewer();
        if (viewer && isHiddenUser(viewer, author)) return;
      }
      this.send(event.type, body ?? null);
    });
    return true;
  }
}

export const main: ChannelDefinition = {
  name: 'main', requireCredential: true, kind: 'read:account', shared: true,
  create: (id, connection) => new MainChannel(id, connection),
};
