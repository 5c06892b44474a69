import { now as clockNow } from '../clock.js';

/**
 * The shared-state interface: counters and short-lived values that must mean the same thing in
 * every Mikan process. In-memory here; a Redis implementation plugs in behind the same interface
 * when REDIS_URL is set (a later issue), so callers never care which one they have.
 */
export interface Cache {
  /** Adds one to `key`, a counter that expires `windowMs` after its first hit in the window. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

interface Entry { value: string; count: number; expiresAt: number }

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000, private readonly now: () => number = clockNow) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    let entry = this.live(key);
    if (!entry) {
      entry = { value: '', count: 0, expiresAt: this.now() + windowMs };
      this.entries.set(key, entry);
    }
    entry.count++;
    return { count: entry.count, resetAt: entry.expiresAt };
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, count: 0, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  /** Forgets every counter and value (the test server's reset: rate-limit windows start afresh). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
