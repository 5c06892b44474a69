import { topics, type StreamEvent } from '../../bus/topics.js';
import { chatAvailabilityOf, readUserMessages } from '../../core/chat/messages.js';
import { Channel, type ChannelDefinition } from '../channel.js';

/**
 * `chatUser`: the signed-in user's 1:1 conversation with `otherId` as it happens: `message`
 * (ChatMessageLiteFor1on1), `deleted` (the message id), `react` / `unreact`
 * (`{ messageId, user, reaction }`). The client's `read` marks the other's messages read.
 */
class ChatUserChannel extends Channel {
  private otherId = '';

  async init(params: Record<string, unknown>): Promise<boolean> {
    const user = this.user;
    if (!user || typeof params.otherId !== 'string' || params.otherId === user.id) return false;
    if (!(await chatAvailabilityOf(this.ctx, user.id)).read) return false;
    this.otherId = params.otherId;
    this.listen(topics.chatUser(user.id, this.otherId), (message) => {
      const event = message as StreamEvent | null;
      if (typeof event?.type === 'string') this.send(event.type, event.body);
    });
    return true;
  }

  onMessage(type: string): void {
    if (type !== 'read' || !this.user) return;
    readUserMessages(this.ctx, this.user.id, this.otherId).catch((error) => this.ctx.log.warn({ err: error }, 'chatUser read failed'));
  }
}

export const chatUser: ChannelDefinition = {
  name: 'chatUser', requireCredential: true, kind: 'read:chat', shared: false,
  create: (id, connection) => new ChatUserChannel(id, connection),
};
