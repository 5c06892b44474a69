import type { NoteRow } from '../../db/schema/index.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';

/** `globalTimeline`: every public note outside channels (params withRenotes, withFiles). */
class GlobalTimelineChannel extends TimelineChannel {
  init(params: Record<string, unknown>): boolean {
    if (!this.ctx.meta.policies.gtlAvailable && !this.user?.isAdmin) return false;
    this.params = { ...readTimelineParams(params), withReplies: false };
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.visibility !== 'public' || note.channelId != null) return false;
    // No reply filter: the HTTP global timeline has none either.
    return commonFilters(note, viewer, this.params);
  }
}

export const globalTimeline: ChannelDefinition = {
  name: 'globalTimeline', requireCredential: false, shared: false,
  create: (id, connection) => new GlobalTimelineChannel(id, connection),
};
