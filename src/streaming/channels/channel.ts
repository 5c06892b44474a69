import type { NoteRow } from '../../db/schema/index.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';

/**
 * `channel` (params `channelId`): new notes posted in one topic channel, as `channels/timeline`
 * lists them — visibility, blocks and user mutes apply, the channel's own mute does not (the viewer
 * asked for this channel). Like Misskey, an unknown id is accepted and simply never delivers.
 */
class ChannelChannel extends TimelineChannel {
  private channelId = '';

  init(params: Record<string, unknown>): boolean {
    if (typeof params.channelId !== 'string' || params.channelId === '') return false;
    this.channelId = params.channelId;
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.channelId !== this.channelId) return false;
    return commonFilters(note, viewer, this.params);
  }
}

export const channel: ChannelDefinition = {
  name: 'channel', requireCredential: false, shared: false,
  create: (id, connection) => new ChannelChannel(id, connection),
};
