import type { NoteRow } from '../../db/schema/index.js';
import { channelNoteAllowed } from '../../core/notes/visibility.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, replyAllowed, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';
import { policiesOf } from '../../core/roles/policies.js';

/** `localTimeline`: public notes of local users outside channels (params withRenotes, withReplies, withFiles). */
class LocalTimelineChannel extends TimelineChannel {
  async init(params: Record<string, unknown>): Promise<boolean> {
    const user = this.user;
    // The `ltlAvailable` role policy (admins always may), as the HTTP timeline.
    if (!(await policiesOf(this.ctx, user?.id ?? null)).ltlAvailable && !user?.isAdmin) return false;
    this.params = readTimelineParams(params);
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.visibility !== 'public' || note.userHost != null || !channelNoteAllowed(note, viewer.context, 'local')) return false;
    return replyAllowed(note, viewer, { all: this.params.withReplies }) && commonFilters(note, viewer, this.params);
  }
}

export const localTimeline: ChannelDefinition = {
  name: 'localTimeline', requireCredential: false, shared: false,
  create: (id, connection) => new LocalTimelineChannel(id, connection),
};
