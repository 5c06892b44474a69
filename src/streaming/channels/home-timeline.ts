import type { NoteRow } from '../../db/schema/index.js';
import { channelNoteAllowed } from '../../core/notes/visibility.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, replyAllowed, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';

/** `homeTimeline`: the viewer's own notes, those of users they follow and of channels they follow (params withRenotes, withFiles). */
class HomeTimelineChannel extends TimelineChannel {
  init(params: Record<string, unknown>): boolean {
    this.params = { ...readTimelineParams(params), withReplies: false };
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    const me = viewer.context.id;
    // A channel note comes in when its channel is followed (not muted), whoever wrote it.
    if (note.channelId != null) {
      if (!channelNoteAllowed(note, viewer.context, 'home')) return false;
    } else if (note.userId !== me && !viewer.context.following.has(note.userId)) return false;
    return replyAllowed(note, viewer, { followWithReplies: true }) && commonFilters(note, viewer, this.params);
  }
}

export const homeTimeline: ChannelDefinition = {
  name: 'homeTimeline', requireCredential: true, kind: 'read:account', shared: false,
  create: (id, connection) => new HomeTimelineChannel(id, connection),
};
