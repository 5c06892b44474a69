import type { AppContext } from '../context.js';
import { topics, type InternalEvent, type StreamEvent } from '../bus/topics.js';
import { CLOSE, type StreamConnection } from './connection.js';
import { ViewerCache } from './viewer.js';
import { NoteDelivery } from './notes.js';
import { NoteFanout } from './fanout.js';
import { Flusher } from './flusher.js';
import { Heartbeat } from './heartbeat.js';
import { closeRevokedSockets } from './credentials.js';

/**
 * Protocol ping every minute, a sixtieth of the sockets each second; a socket silent (no pong, no
 * message) for two minutes is dropped.
 */
const HEARTBEAT = { intervalMs: 60_000, silenceLimitMs: 120_000, slices: 60 };

/**
 * Everything the streaming connections of one process share: the set of sockets, viewer state per
 * user, note packing shared across sockets, the heartbeat, and instance-wide broadcasts.
 */
export class StreamingHub {
  readonly connections = new Set<StreamConnection>();
  readonly viewers: ViewerCache;
  readonly notes: NoteDelivery;
  readonly fanout: NoteFanout;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly heartbeat: Heartbeat<StreamConnection>;
  private readonly flusher = new Flusher();

  constructor(readonly ctx: AppContext) {
    this.viewers = new ViewerCache(ctx);
    this.notes = new NoteDelivery(ctx);
    this.fanout = new NoteFanout(ctx);
    // The process caches forgot these first (they subscribed before any hub existed).
    this.unsubscribers.push(ctx.bus.subscribe(topics.internal, (message) => {
      const event = message as InternalEvent | null;
      if (!event || !('userIds' in event) || !Array.isArray(event.userIds)) return;
      if (event.type === 'relationsChanged') this.viewers.invalidate(event.userIds);
      else if (event.type === 'usersChanged') {
        this.viewers.invalidateAll();
        closeRevokedSockets(ctx, this.connections, event.userIds)
          .catch((error) => ctx.log.warn({ err: error }, 'could not check streaming credentials'));
      }
    }));
    // Instance-wide events (emojiAdded, announcementCreated, ...) go to every socket, top level.
    this.unsubscribers.push(ctx.bus.subscribe(topics.broadcast, (message) => {
      const event = message as StreamEvent;
      if (typeof event?.type !== 'string') return;
      const frame = JSON.stringify({ type: event.type, body: event.body });
      for (const connection of this.connections) connection.sendRaw(frame);
    }));
    this.heartbeat = new Heartbeat(HEARTBEAT);
  }

  /** Writes `connection`'s outbox in the next flush round (see `Flusher`). */
  scheduleFlush(connection: StreamConnection): void {
    this.flusher.schedule(connection);
  }

  add(connection: StreamConnection): void {
    this.connections.add(connection);
    this.heartbeat.add(connection);
  }

  remove(connection: StreamConnection): void {
    this.connections.delete(connection);
    this.heartbeat.remove(connection);
  }

  /** Shutdown: every socket is told the server is going away (1001), then dropped. */
  close(): void {
    this.heartbeat.stop();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const connection of [...this.connections]) connection.close(CLOSE.goingAway, 'server shutting down');
  }
}
