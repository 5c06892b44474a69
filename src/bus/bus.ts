import { EventEmitter } from 'node:events';

/**
 * The EventBus: how one part of Mikan tells every process about something that happened (a note
 * posted, a reaction, a notification). One publish per event; subscribers filter for themselves.
 *
 * Messages are JSON-encoded even in-process, so a subscriber sees exactly what it would see through
 * Redis (dates as ISO strings, no shared object references) and one process behaves like many.
 */
export interface EventBus {
  publish(topic: string, message: unknown): void;
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (message: unknown) => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every streaming connection subscribes; the default warning at 10 listeners is noise here.
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, message: unknown): void {
    const encoded = JSON.stringify(message);
    // Asynchronous like Redis delivery: a publisher never runs subscriber code inside its transaction.
    setImmediate(() => this.emitter.emit(topic, JSON.parse(encoded)));
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    this.emitter.on(topic, handler);
    return () => { this.emitter.off(topic, handler); };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
