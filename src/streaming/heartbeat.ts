/** A connection the heartbeat keeps alive: pinged while it answers, dropped once silent too long. */
export interface Beating {
  /** Ms epoch of the last sign of life (a message or a pong). */
  lastSeen: number;
  ping(): void;
  drop(): void;
}

export interface HeartbeatOptions {
  /** Every connection is pinged once per interval... */
  intervalMs: number;
  /** ...and dropped when it has been silent this long. */
  silenceLimitMs: number;
  /** The interval is cut in this many slices, each pinging its share of the connections. */
  slices: number;
}

/**
 * Protocol pings spread over the interval: each connection belongs to one of `slices` groups
 * (assigned in turn, so the groups stay even) and each tick pings one group. Pinging thousands
 * of sockets at once costs a burst of writes, and of pongs to parse, long enough to delay
 * deliveries (seen as one bad second a minute in bench/streaming.ts).
 */
export class Heartbeat<T extends Beating> {
  private readonly groups: Set<T>[];
  private readonly groupOf = new Map<T, Set<T>>();
  private assigned = 0;
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: HeartbeatOptions) {
    this.groups = Array.from({ length: options.slices }, () => new Set<T>());
    this.timer = setInterval(() => this.tick(), options.intervalMs / options.slices);
    this.timer.unref();
  }

  add(connection: T): void {
    const group = this.groups[this.assigned++ % this.groups.length]!;
    group.add(connection);
    this.groupOf.set(connection, group);
  }

  remove(connection: T): void {
    this.groupOf.get(connection)?.delete(connection);
    this.groupOf.delete(connection);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const group = this.groups[this.ticks++ % this.groups.length]!;
    const now = Date.now();
    for (const connection of [...group]) {
      if (now - connection.lastSeen > this.options.silenceLimitMs) {
        this.remove(connection);
        connection.drop();
      } else {
        connection.ping();
      }
    }
  }
}
