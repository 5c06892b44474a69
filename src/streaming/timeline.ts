import type { NoteRow } from '../db/schema/index.js';
import { isNoteMuted, isPureRenote } from '../core/notes/visibility.js';
import { Channel } from './channel.js';
import type { StreamViewer } from './viewer.js';

export interface TimelineParams {
  withRenotes: boolean;
  withReplies: boolean;
  withFiles: boolean;
}

export function readTimelineParams(params: Record<string, unknown>): TimelineParams {
  return {
    withRenotes: params.withRenotes !== false,
    withReplies: params.withReplies === true,
    withFiles: params.withFiles === true,
  };
}

/**
 * The HTTP timelines' reply rule (`src/core/timelines/timelines.ts`): a reply is shown with `all`
 * (`withReplies`), or when it answers its own author or the viewer, is the viewer's, or (home and
 * hybrid only) comes from a followee followed `withReplies`.
 */
export function replyAllowed(note: NoteRow, viewer: StreamViewer, options: { all?: boolean; followWithReplies?: boolean }): boolean {
  if (note.replyId == null || options.all) return true;
  if (note.replyUserId === note.userId) return true;
  const me = viewer.context.id;
  if (me == null) return false;
  if (note.replyUserId === me || note.userId === me) return true;
  return Boolean(options.followWithReplies) && viewer.withReplies.has(note.userId);
}

/** Filters every timeline shares: renotes, files, mutes (blocks and visibility are checked after). */
export function commonFilters(note: NoteRow, viewer: StreamViewer, params: Pick<TimelineParams, 'withRenotes' | 'withFiles'>): boolean {
  if (!params.withRenotes && isPureRenote(note)) return false;
  if (params.withFiles && note.fileIds.length === 0) return false;
  if (isNoteMuted(note, viewer.context)) return false;
  return true;
}

/**
 * A channel of new notes. Subclasses say which notes belong (`accepts`: pure, cheap and
 * synchronous, run for every new note on every socket); the process-wide fan-out
 * (`src/streaming/fanout.ts`) then checks visibility of the note and all it embeds with the
 * viewer's cached state and sends the note packed for this viewer, sharing the work per event.
 */
export abstract class TimelineChannel extends Channel {
  protected params: TimelineParams = { withRenotes: true, withReplies: false, withFiles: false };

  abstract accepts(note: NoteRow, viewer: StreamViewer): boolean;

  /** Starts receiving new notes. */
  protected listenToNotes(): void {
    const fanout = this.connection.hub.fanout;
    fanout.add(this);
    this.onDispose(() => fanout.remove(this));
  }
}
