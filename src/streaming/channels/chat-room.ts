import { topics, type StreamEvent } from '../../bus/topics.js';
import { chatAvailabilityOf, readRoomMessages } from '../../core/chat/messages.js';
import { findViewableRoom } from '../../core/chat/rooms.js';
import { Channel, type ChannelDefinition } from '../channel.js';

/**
 * `chatRoom`: a room the signed-in user owns or belongs to (param `roomId`), as it happens:
 * `message` (ChatMessageLiteForRoom), `deleted`, `react`, `unreact`. The client's `read` marks the
 * room read. Anyone else is refused, as Misskey does.
 */
class ChatRoomChannel extends Channel {
  private roomId = '';

  async init(params: Record<string, unknown>): Promise<boolean> {
    const user = this.user;
    if (!user || typeof params.roomId !== 'string') return false;
    if (!(await chatAvailabilityOf(this.ctx, user.id)).read) return false;
    const room = await findViewableRoom(this.ctx, params.roomId, user.id);
    if (!room) return false;
    this.roomId = room.id;
    this.listen(topics.chatRoom(room.id), (message) => {
      const event = message as StreamEvent | null;
      if (typeof event?.type === 'string') this.send(event.type, event.body);
    });
    return true;
  }

  onMessage(type: string): void {
    if (type !== 'read' || !this.user) return;
    readRoomMessages(this.ctx, this.user.id, this.roomId).catch((error) => this.ctx.log.warn({ err: error }, 'chatRoom read failed'));
  }
}

export const chatRoom: ChannelDefinition = {
  name: 'chatRoom', requireCredential: true, kind: 'read:chat', shared: false,
  create: (id, connection) => new ChatRoomChannel(id, connection),
};
