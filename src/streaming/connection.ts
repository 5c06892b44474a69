import type { WebSocket } from 'ws';
import type { AppContext } from '../context.js';
import type { AuthToken, AuthUser } from '../core/auth/authenticate.js';
import { topics, type StreamEvent } from '../bus/topics.js';
import type { Channel } from './channel.js';
import { channelDefinitions } from './channels/index.js';
import type { StreamingHub } from './hub.js';
import { markAllNotificationsRead } from '../core/notifications/read.js';
import { FrameJoiner, type Flushable } from './flusher.js';
import type { Beating } from './heartbeat.js';
import type { CapturedNote } from './notes.js';

/** Limits that keep one client from hurting the server. */
export const LIMITS = {
  /** Channels joined at once on one socket (Misskey: 32). */
  channels: 32,
  /** Notes captured at once on one socket. */
  capturedNotes: 1000,
  /** Messages a client may send: a bucket of `burst`, refilled at `perSecond`; an empty bucket disconnects. */
  burst: 200,
  perSecond: 50,
  /** Bytes queued for a client that does not read; beyond this it is disconnected. */
  maxBufferedBytes: 8 * 1024 * 1024,
};

/** WebSocket close codes sent when Mikan ends a connection itself. */
export const CLOSE = { policyViolation: 1008, goingAway: 1001, tryAgainLater: 1013 } as const;

/**
 * One client socket: routes its messages (`connect`, `disconnect`, `ch`, `subNote`, ...), holds its
 * channels and captured notes, and sends frames. Malformed frames and unknown types are ignored;
 * a client sending faster than the limits allow is disconnected.
 */
export class StreamConnection implements Flushable, Beating {
  readonly channels = new Map<string, Channel>();
  private readonly captured = new Map<string, { count: number; unsubscribe: () => void }>();
  private readonly unsubscribers: (() => void)[] = [];
  private tokens = LIMITS.burst;
  private refilledAt = Date.now();
  lastSeen = Date.now();
  closed = false;
  /** Shared frames due to this socket, written together by `flush`. */
  private outbox: Buffer[] | null = null;

  constructor(
    readonly ctx: AppContext,
    readonly hub: StreamingHub,
    readonly socket: WebSocket,
    readonly user: AuthUser | null,
    readonly token: AuthToken | null,
  ) {}

  start(): void {
    this.socket.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    this.socket.on('pong', () => { this.lastSeen = Date.now(); });
    this.socket.on('close', () => this.dispose());
    // The viewer's follows, blocks and mutes, shared by all of their sockets in this process.
    this.hub.viewers.acquire(this.user);
  }

  /** The viewer's relations for filtering (loaded once, refreshed when they change). */
  viewer() {
    return this.hub.viewers.get(this.user);
  }

  hasPermission(kind: string): boolean {
    return !this.token || this.token.isNative || this.token.permissions.includes(kind);
  }

  private allow(): boolean {
    const now = Date.now();
    this.tokens = Math.min(LIMITS.burst, this.tokens + ((now - this.refilledAt) / 1000) * LIMITS.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.lastSeen = Date.now();
    if (!this.allow()) {
      this.ctx.log.info({ userId: this.user?.id }, 'streaming client sent too many messages; disconnected');
      this.close(CLOSE.policyViolation, 'too many messages');
      return;
    }
    if (isBinary) return;
    const text = data.toString();
    // misskey-js `ping()` and `heartbeat()` send bare words, not JSON. Misskey answers `ping` with `pong`.
    if (text === 'ping') { this.sendRaw('pong'); return; }
    if (text === 'h') return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { type, body } = message as { type?: unknown; body?: unknown };
    if (typeof type !== 'string') return;
    const payload = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    try {
      this.route(type, payload);
    } catch (error) {
      this.ctx.log.warn({ err: error }, 'streaming message failed');
    }
  }

  private route(type: string, body: Record<string, unknown>): void {
    switch (type) {
      case 'connect': void this.connectChannel(body); break;
      case 'disconnect': this.disconnectChannel(body); break;
      case 'channel':
      case 'ch': this.channelMessage(body); break;
      case 'subNote':
      case 'sn':
      case 's':
      case 'sr': void this.captureNote(body); break;
      case 'unsubNote':
      case 'un': this.releaseNote(body); break;
      case 'readNotification': void this.readNotifications(); break;
      default: break; // Unknown types are ignored, as Misskey does.
    }
  }

  private async connectChannel(body: Record<string, unknown>): Promise<void> {
    const { channel: name, id, params, pong } = body;
    if (typeof name !== 'string' || typeof id !== 'string' || id.length === 0 || id.length > 64) return;
    const definition = Object.hasOwn(channelDefinitions, name) ? channelDefinitions[name] : undefined;
    if (!definition) return;
    if (this.channels.has(id) || this.channels.size >= LIMITS.channels) return;
    if (definition.requireCredential && !this.user) return;
    if (definition.kind && !this.hasPermission(definition.kind)) return;
    if (definition.shared && [...this.channels.values()].some((c) => c.channelName === name)) return;

    const channel = definition.create(id, this);
    channel.channelName = name;
    // Reserve the id now, so messages arriving while it initialises are not lost to a second connect.
    this.channels.set(id, channel);
    let accepted = false;
    try {
      const safeParams = typeof params === 'object' && params !== null && !Array.isArray(params) ? params as Record<string, unknown> : {};
      accepted = await channel.init(safeParams);
    } catch (error) {
      this.ctx.log.warn({ err: error, channel: name }, 'streaming channel could not start');
    }
    if (!accepted || this.closed || this.channels.get(id) !== channel) {
      channel.dispose();
      if (this.channels.get(id) === channel) this.channels.delete(id);
      return;
    }
    if (pong === true) this.send('connected', { id });
  }

  private disconnectChannel(body: Record<string, unknown>): void {
    if (typeof body.id !== 'string') return;
    const channel = this.channels.get(body.id);
    if (!channel) return;
    channel.dispose();
    this.channels.delete(body.id);
  }

  private channelMessage(body: Record<string, unknown>): void {
    if (typeof body.id !== 'string' || typeof body.type !== 'string') return;
    this.channels.get(body.id)?.onMessage(body.type, body.body);
  }

  /** `subNote`: starts `noteUpdated` delivery for a note the viewer may see. Reference-counted. */
  private async captureNote(body: Record<string, unknown>): Promise<void> {
    const noteId = body.id;
    if (typeof noteId !== 'string' || noteId.length === 0 || noteId.length > 32) return;
    const existing = this.captured.get(noteId);
    if (existing) { existing.count++; return; }
    if (this.captured.size >= LIMITS.capturedNotes) return;
    const entry = { count: 1, unsubscribe: () => {} };
    this.captured.set(noteId, entry);
    let note: CapturedNote | null = null;
    try {
      note = await this.hub.notes.capturable(this, noteId);
    } catch (error) {
      this.ctx.log.warn({ err: error }, 'note capture check failed');
    }
    if (!note || this.closed || this.captured.get(noteId) !== entry) {
      if (this.captured.get(noteId) === entry) this.captured.delete(noteId);
      return;
    }
    const captured = note;
    entry.unsubscribe = this.ctx.bus.subscribe(topics.note(noteId), (message) => {
      void this.onNoteEvent(captured, message as StreamEvent);
    });
  }

  private async onNoteEvent(note: CapturedNote, event: StreamEvent): Promise<void> {
    if (this.closed || !this.captured.has(note.id)) return;
    if (await this.hub.notes.shouldDeliverNoteEvent(this, note, event)) {
      this.send('noteUpdated', { id: note.id, type: event.type, body: event.body });
    }
    if (event.type === 'deleted') this.dropCapture(note.id);
  }

  private dropCapture(noteId: string): void {
    const entry = this.captured.get(noteId);
    if (!entry) return;
    this.captured.delete(noteId);
    entry.unsubscribe();
  }

  private releaseNote(body: Record<string, unknown>): void {
    if (typeof body.id !== 'string') return;
    const entry = this.captured.get(body.id);
    if (!entry) return;
    if (--entry.count <= 0) this.dropCapture(body.id);
  }

  /** `readNotification`: marks all notifications read (Misskey's fork behaviour). */
  private async readNotifications(): Promise<void> {
    if (!this.user || !this.hasPermission('write:notifications')) return;
    // Publishes `readAllNotifications` to the user's main streams when something changed.
    await markAllNotificationsRead(this.ctx, this.user.id);
  }

  /** Adds a teardown step (bus subscriptions held for the whole socket). */
  onClose(fn: () => void): void {
    if (this.closed) fn(); else this.unsubscribers.push(fn);
  }

  sendChannel(id: string, type: string, body: unknown): void {
    this.send('channel', { id, type, body });
  }

  send(type: string, body: unknown): void {
    this.sendRaw(JSON.stringify({ type, body }));
  }

  /** A pre-serialised frame (shared by every socket that gets the same event). */
  sendRaw(frame: string | Buffer): void {
    // Frames already waiting in the outbox go first: a client sees events in the order they happened.
    if (this.outbox) this.flush();
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > LIMITS.maxBufferedBytes) {
      this.disconnectSlowClient();
      return;
    }
    // Shared frames are bytes; they are still text frames (misskey-js parses `data` as JSON text).
    this.socket.send(frame, { binary: false });
  }

  /**
   * A complete, pre-built WebSocket frame (shared by every socket receiving the same event). It
   * waits in the outbox until the hub flushes (after the current turn of the event loop), so that
   * every frame due to this socket by then leaves in ONE write: on loopback and on real networks
   * alike, the system call per write is most of the cost of a delivery, and under load several
   * notes are due at once.
   */
  sendFrame(wire: Buffer): void {
    if (this.closed) return;
    if (this.outbox) {
      this.outbox.push(wire);
      return;
    }
    this.outbox = [wire];
    this.hub.scheduleFlush(this);
  }

  /**
   * Writes the outbox: straight to the TCP socket when `ws` has nothing queued (saving the
   * per-socket framing), otherwise through `ws`, so frames never interleave.
   */
  flush(joiner: FrameJoiner = new FrameJoiner()): void {
    const frames = this.outbox;
    this.outbox = null;
    if (!frames || this.closed || this.socket.readyState !== this.socket.OPEN) return;
    const internals = this.socket as unknown as { _socket?: import('node:net').Socket; _sender?: { _state: number; _queue: unknown[] } };
    const tcp = internals._socket;
    const sender = internals._sender;
    if (!tcp || !sender || sender._state !== 0 || sender._queue.length > 0) {
      for (const wire of frames) this.sendRaw(unframe(wire));
      return;
    }
    if (this.socket.bufferedAmount > LIMITS.maxBufferedBytes) {
      this.disconnectSlowClient();
      return;
    }
    tcp.write(joiner.join(frames));
  }

  private disconnectSlowClient(): void {
    this.ctx.log.info({ userId: this.user?.id }, 'streaming client does not read; disconnected');
    this.close(CLOSE.tryAgainLater, 'too slow');
  }

  /** Heartbeat: a protocol ping (clients answer with a pong, which updates `lastSeen`). */
  ping(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  /** Heartbeat: silent too long; the socket is cut without a closing handshake. */
  drop(): void {
    this.socket.terminate();
    this.dispose();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    try { this.socket.close(code, reason); } catch { this.socket.terminate(); }
    this.dispose();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox = null;
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
    for (const entry of this.captured.values()) entry.unsubscribe();
    this.captured.clear();
    for (const fn of this.unsubscribers.splice(0)) fn();
    this.hub.viewers.release(this.user);
    this.hub.remove(this);
  }
}

/** The payload of an unmasked, unfragmented server frame built by `ws`'s `Sender.frame`. */
function unframe(wire: Buffer): Buffer {
  const length = wire[1]! & 0x7f;
  const offset = length === 126 ? 4 : length === 127 ? 10 : 2;
  return wire.subarray(offset);
}
