import type { AppContext } from '../context.js';
import { topics } from '../bus/topics.js';
import { NoteEvent, reviveNote } from './notes.js';
import type { TimelineChannel } from './timeline.js';
import type { StreamViewer } from './viewer.js';

/**
 * New notes to every timeline channel of this process, from ONE subscription to `notesStream`.
 * Per event, the work that does not depend on the viewer (loading embedded targets, packing,
 * serialising, framing) is done once; per channel only the cheap, synchronous filters run against
 * the viewer's cached state, and the shared frame is written to the socket. Events are delivered
 * in the order they were published; the next event's preparation overlaps the current delivery.
 */
export class NoteFanout {
  private readonly channels = new Set<TimelineChannel>();
  private unsubscribe: (() => void) | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  add(channel: TimelineChannel): void {
    this.channels.add(channel);
    this.unsubscribe ??= this.ctx.bus.subscribe(topics.notes, (message) => this.onNote(message));
  }

  remove(channel: TimelineChannel): void {
    this.channels.delete(channel);
    if (this.channels.size === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  get size(): number {
    return this.channels.size;
  }

  private onNote(message: unknown): void {
    const note = reviveNote(message);
    if (!note) return;
    const event = new NoteEvent(this.ctx, note);
    // Start the shared work now, so consecutive events are prepared in parallel while delivery
    // stays in publish order (a slow database then costs latency once, not once per queued event).
    let anonymous = false;
    let signedIn = false;
    for (const channel of this.channels) {
      if (channel.user) signedIn = true; else anonymous = true;
      if (anonymous && signedIn) break;
    }
    event.prepare(anonymous, signedIn).catch(() => {});
    this.queue = this.queue.then(() => this.dispatch(event))
      .catch((error) => this.ctx.log.warn({ err: error, noteId: note.id }, 'streaming note delivery failed'));
  }

  private async dispatch(event: NoteEvent): Promise<void> {
    // 1. Which channels want this note at all (cheap, synchronous, on cached viewer state).
    const candidates: { channel: TimelineChannel; viewer: StreamViewer }[] = [];
    const waiting: Promise<void>[] = [];
    for (const channel of this.channels) {
      if (channel.disposed) continue;
      const viewer = channel.connection.hub.viewers.peek(channel.user);
      if (viewer) {
        if (channel.accepts(event.note, viewer)) candidates.push({ channel, viewer });
      } else {
        // State still loading or being reloaded after a relation change: wait for it.
        waiting.push(channel.connection.viewer().then((loaded) => {
          if (channel.accepts(event.note, loaded)) candidates.push({ channel, viewer: loaded });
        }, () => {}));
      }
    }
    if (waiting.length > 0) await Promise.all(waiting);
    if (candidates.length === 0) return;

    // 2. Visibility of the note and all it embeds, then the shared packed forms (once per event).
    await event.targets;
    const visible = candidates.filter(({ channel, viewer }) => !channel.disposed && event.visibleToSync(viewer));
    if (visible.length === 0) return;
    await event.prepare(visible.some(({ channel }) => channel.user == null), visible.some(({ channel }) => channel.user != null));

    // 3. Send: the shared frame, or (rarely) one packed for this viewer.
    const perViewer: Promise<void>[] = [];
    for (const { channel, viewer } of visible) {
      const frame = event.frameFor(channel.user, viewer, channel.id);
      if (frame instanceof Promise) {
        perViewer.push(frame.then((ready) => { if (ready && !channel.disposed) channel.connection.sendRaw(ready); }));
      } else if (frame) {
        channel.connection.sendFrame(frame);
      }
    }
    if (perViewer.length > 0) await Promise.all(perViewer);
  }
}
