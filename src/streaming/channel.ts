import type { StreamConnection } from './connection.js';
import type { Permission } from '../api/permissions.js';

/**
 * One channel joined on one socket (`connect` with a channel name and an id). Subclasses listen to
 * the EventBus in `init` and send events with `send`; everything they subscribed is released in
 * `dispose` (use `this.listen`, which does that for you).
 */
export abstract class Channel {
  private readonly unsubscribers: (() => void)[] = [];
  disposed = false;
  /** Set by the connection: the name it was joined by. */
  channelName = '';

  constructor(readonly id: string, readonly connection: StreamConnection) {}

  get ctx() { return this.connection.ctx; }
  get user() { return this.connection.user; }

  /** Prepares the channel; false refuses it (silently, as Misskey does). */
  abstract init(params: Record<string, unknown>): Promise<boolean> | boolean;

  /** A message the client sent to this channel (`ch` / `channel`). */
  onMessage(_type: string, _body: unknown): void {}

  send(type: string, body: unknown = null): void {
    if (this.disposed) return;
    this.connection.sendChannel(this.id, type, body);
  }

  /** Subscribes to a bus topic for the life of the channel. */
  protected listen(topic: string, handler: (message: unknown) => void): void {
    this.unsubscribers.push(this.ctx.bus.subscribe(topic, (message) => {
      if (this.disposed) return;
      try {
        const result = handler(message) as unknown;
        if (result instanceof Promise) result.catch((error) => this.ctx.log.warn({ err: error }, 'streaming channel failed'));
      } catch (error) {
        this.ctx.log.warn({ err: error }, 'streaming channel failed');
      }
    }));
  }

  protected onDispose(fn: () => void): void {
    this.unsubscribers.push(fn);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }
}

export interface ChannelDefinition {
  /** Misskey's channel name (`main`, `homeTimeline`, ...). */
  name: string;
  /** Anonymous sockets cannot join. */
  requireCredential: boolean;
  /** The permission an app token needs (native tokens hold every permission). */
  kind?: Permission;
  /** One per socket: a second `connect` to it is ignored (Misskey's `shouldShare`). */
  shared: boolean;
  create(id: string, connection: StreamConnection): Channel;
}
