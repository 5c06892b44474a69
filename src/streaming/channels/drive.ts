import { topics, type StreamEvent } from '../../bus/topics.js';
import { Channel, type ChannelDefinition } from '../channel.js';

/** `drive`: the user's own file and folder events (`driveStream:<userId>`). */
class DriveChannel extends Channel {
  init(): boolean {
    this.listen(topics.drive(this.user!.id), (message) => {
      const event = message as StreamEvent;
      if (typeof event?.type === 'string') this.send(event.type, event.body ?? null);
    });
    return true;
  }
}

export const drive: ChannelDefinition = {
  name: 'drive', requireCredential: true, kind: 'read:account', shared: true,
  create: (id, connection) => new DriveChannel(id, connection),
};
