import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { EventBus } from './bus.js';

/**
 * The EventBus over Redis pub/sub, for several Mikan processes sharing one PostgreSQL: a note
 * posted through process A reaches a client connected to process B.
 *
 * One SUBSCRIBE per topic per process, however many local handlers listen (thousands of streaming
 * connections share one Redis subscription); messages fan out locally through an EventEmitter.
 * Every topic is prefixed (`<prefix>:<topic>`) so several instances, or parallel test runs, can
 * share one Redis without hearing each other.
 */
export class RedisBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly local = new EventEmitter();
  private readonly counts = new Map<string, number>();
  private closed = false;

  constructor(url: string, private readonly prefix = 'mikan', private readonly onError: (error: unknown) => void = () => {}) {
    this.local.setMaxListeners(0);
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const topic = channel.toString().slice(this.prefix.length + 1);
      if (this.local.listenerCount(topic) === 0) return;
      let decoded: unknown;
      try {
        decoded = JSON.parse(message.toString());
      } catch (error) {
        this.onError(error);
        return;
      }
      this.local.emit(topic, decoded);
    });
  }

  /** Resolves once both connections are ready (tests and start-up use it to fail early). */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  private key(topic: string): string {
    return `${this.prefix}:${topic}`;
  }

  publish(topic: string, message: unknown): void {
    if (this.closed) return;
    this.publisher.publish(this.key(topic), JSON.stringify(message)).catch(this.onError);
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    // Each handler gets its own wrapper, so subscribing the same function twice needs two unsubscribes.
    const listener = (message: unknown) => handler(message);
    this.local.on(topic, listener);
    const count = (this.counts.get(topic) ?? 0) + 1;
    this.counts.set(topic, count);
    if (count === 1 && !this.closed) this.subscriber.subscribe(this.key(topic)).catch(this.onError);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.local.off(topic, listener);
      const left = (this.counts.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(topic, left);
        return;
      }
      this.counts.delete(topic);
      if (!this.closed) this.subscriber.unsubscribe(this.key(topic)).catch(this.onError);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.local.removeAllListeners();
    this.counts.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
