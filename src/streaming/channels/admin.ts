import type { StreamEvent } from '../../bus/topics.js';
import { Channel, type ChannelDefinition } from '../channel.js';
import { streamingTopics } from '../events.js';

/** `admin`: moderator events (`newAbuseUserReport`); only moderators and admins may join. */
class AdminChannel extends Channel {
  init(): boolean {
    const user = this.user!;
    if (!user.isModerator && !user.isAdmin) return false;
    this.listen(streamingTopics.admin, (message) => {
      const event = message as StreamEvent;
      if (typeof event?.type === 'string') this.send(event.type, event.body ?? null);
    });
    return true;
  }
}

export const admin: ChannelDefinition = {
  // `read:admin:stream` cannot be granted to app tokens: only the web client's native token joins.
  name: 'admin', requireCredential: true, kind: 'read:admin:stream', shared: true,
  create: (id, connection) => new AdminChannel(id, connection),
};
