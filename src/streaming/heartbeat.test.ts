import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, type Beating } from './heartbeat.js';

function connection(): Beating & { pings: number[]; dropped: boolean } {
  const self = {
    lastSeen: Date.now(),
    pings: [] as number[],
    dropped: false,
    ping() { self.pings.push(Date.now()); },
    drop() { self.dropped = true; },
  };
  return self;
}

describe('Heartbeat', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('pings every connection once per interval, a share of them in each slice', () => {
    const heartbeat = new Heartbeat({ intervalMs: 60_000, silenceLimitMs: 120_000, slices: 60 });
    const connections = Array.from({ length: 600 }, () => connection());
    for (const c of connections) heartbeat.add(c);
    vi.advanceTimersByTime(1000);
    expect(connections.filter((c) => c.pings.length === 1)).toHaveLength(10);
    for (const c of connections) c.lastSeen = Date.now() + 59_000; // they keep answering
    vi.advanceTimersByTime(59_000);
    expect(connections.every((c) => c.pings.length === 1)).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(connections.every((c) => c.pings.length === 2 && !c.dropped)).toBe(true);
    heartbeat.stop();
  });

  it('drops a connection silent longer than the limit, and no longer pings it', () => {
    const heartbeat = new Heartbeat({ intervalMs: 1000, silenceLimitMs: 2500, slices: 4 });
    const silent = connection();
    const lively = connection();
    heartbeat.add(silent);
    heartbeat.add(lively);
    for (let t = 0; t < 4000; t += 250) {
      lively.lastSeen = Date.now();
      vi.advanceTimersByTime(250);
    }
    expect(silent.dropped).toBe(true);
    expect(lively.dropped).toBe(false);
    const pingsWhenDropped = silent.pings.length;
    for (let t = 0; t < 5000; t += 250) {
      lively.lastSeen = Date.now();
      vi.advanceTimersByTime(250);
    }
    expect(silent.pings.length).toBe(pingsWhenDropped);
    expect(lively.pings).toHaveLength(9);
    expect(lively.dropped).toBe(false);
    heartbeat.stop();
  });

  it('a removed connection is neither pinged nor dropped', () => {
    const heartbeat = new Heartbeat({ intervalMs: 1000, silenceLimitMs: 10, slices: 2 });
    const gone = connection();
    heartbeat.add(gone);
    heartbeat.remove(gone);
    vi.advanceTimersByTime(5000);
    expect(gone.pings).toEqual([]);
    expect(gone.dropped).toBe(false);
    heartbeat.stop();
  });
});
