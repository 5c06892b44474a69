import type { NoteRow } from '../../db/schema/index.js';
import { channelNoteAllowed } from '../../core/notes/visibility.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, replyAllowed, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';
import { policiesOf } from '../../core/roles/policies.js';

/** `globalTimeline`: every public note outside channels (params withRenotes, withFiles). */
class GlobalTimelineChannel extends TimelineChannel {
  async init(params: Record<string, unknown>): Promise<boolean> {
    if (!(await policiesOf(this.ctx, this.user?.id ?? null)).gtlAvailable && !this.user?.isAdmin) return false;
    this.params = { ...readTimelineParams(params), withReplies: false };
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.visibility !== 'public' || !channelNoteAllowed(note, viewer.context, 'global')) return false;
    // Misskey's stream (not its HTTP timeline) drops replies unless they are to or by the viewer,
    // to the author's own note, or by a user the viewer follows with `withReplies`.
    return replyAllowed(note, viewer, { followWithReplies: true }) && commonFilters(note, viewer, this.params);
  }
}

export const globalTimeline: ChannelDefinition = {
  name: 'globalTimeline', requireCredential: false, shared: false,
  create: (id, connection) => new GlobalTimelineChannel(id, connection),
};
