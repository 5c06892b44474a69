import type { NoteRow } from '../../db/schema/index.js';
import { channelNoteAllowed } from '../../core/notes/visibility.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, replyAllowed, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';
import { policiesOf } from '../../core/roles/policies.js';

/** `hybridTimeline` (social): the home timeline plus local public notes (params withRenotes, withReplies, withFiles). */
class HybridTimelineChannel extends TimelineChannel {
  async init(params: Record<string, unknown>): Promise<boolean> {
    if (!(await policiesOf(this.ctx, this.user?.id ?? null)).ltlAvailable && !this.user?.isAdmin) return false;
    this.params = readTimelineParams(params);
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.channelId != null) {
      if (!channelNoteAllowed(note, viewer.context, 'hybrid')) return false;
    } else {
      const me = viewer.context.id;
      const mine = note.userId === me || viewer.context.following.has(note.userId);
      const localPublic = note.visibility === 'public' && note.userHost == null;
      if (!mine && !localPublic) return false;
    }
    return replyAllowed(note, viewer, { all: this.params.withReplies, followWithReplies: true }) && commonFilters(note, viewer, this.params);
  }
}

export const hybridTimeline: ChannelDefinition = {
  name: 'hybridTimeline', requireCredential: true, kind: 'read:account', shared: false,
  create: (id, connection) => new HybridTimelineChannel(id, connection),
};
