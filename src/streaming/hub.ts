import type { AppContext } from '../context.js';
import { topics, type InternalEvent, type StreamEvent } from '../bus/topics.js';
import { CLOSE, type StreamConnection } from './connection.js';
import { ViewerCache } from './viewer.js';
import { NoteDelivery } from './notes.js';
import { NoteFanout } from './fanout.js';
import { Flusher } from './flusher.js';

/** Protocol ping every minute; a socket silent (no pong, no message) for two minutes is dropped. */
const HEARTBEAT_MS = 60_000;
const SILENCE_LIMIT_MS = 120_000;

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
  private readonly heartbeat: NodeJS.Timeout;
  private readonly flusher = new Flusher();

  constructor(readonly ctx: AppContext, options: { heartbeatMs?: number; silenceLimitMs?: number } = {}) {
    this.viewers = new ViewerCache(ctx);
    this.notes = new NoteDelivery(ctx);
    this.fanout = new NoteFanout(ctx);
    // The process caches forgot these first (they subscribed before any hub existed).
    this.unsubscribers.push(ctx.bus.subscribe(topics.internal, (message) => {
      const event = message as InternalEvent | null;
      if (!event || !('userIds' in event) || !Array.isArray(event.userIds)) return;
      if (event.type === 'relationsChanged') this.viewers.invalidate(event.userIds);
      else if (event.type === 'usersChanged') this.viewers.invalidateAll();
    }));
    // Instance-wide events (emojiAdded, announcementCreated, ...) go to every socket, top level.
    this.unsubscribers.push(ctx.bus.subscribe(topics.broadcast, (message) => {
      const event = message as StreamEvent;
      if (typeof event?.type !== 'string') return;
      const frame = JSON.stringify({ type: event.type, body: event.body });
      for (const connection of this.connections) connection.sendRaw(frame);
    }));
    const silenceLimit = options.silenceLimitMs ?? SILENCE_LIMIT_MS;
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      for (const connection of this.connections) {
        if (now - connection.lastSeen > silenceLimit) {
          connection.socket.terminate();
          connection.dispose();
        } else if (connection.socket.readyState === connection.socket.OPEN) {
          connection.socket.ping();
        }
      }
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Writes `connection`'s outbox in the next flush round (see `Flusher`). */
  scheduleFlush(connection: StreamConnection): void {
    this.flusher.schedule(connection);
  }

  add(connection: StreamConnection): void {
    this.connections.add(connection);
  }

  /** Shutdown: every socket is told the server is going away (1001), then dropped. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const connection of [...this.connections]) connection.close(CLOSE.goingAway, 'server shutting down');
  }
}
