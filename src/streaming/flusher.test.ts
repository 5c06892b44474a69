import { describe, expect, it } from 'vitest';
import { FrameJoiner, Flusher, type Flushable } from './flusher.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An outbox like StreamConnection's: frames pile up until the flusher writes them in one go. */
class Outbox implements Flushable {
  pending: Buffer[] = [];
  readonly writes: string[] = [];
  constructor(private readonly flusher: Flusher, readonly onFlush: (join: FrameJoiner) => void = () => {}) {}
  send(frame: Buffer): void {
    if (this.pending.length === 0) this.flusher.schedule(this);
    this.pending.push(frame);
  }
  flush(join: FrameJoiner): void {
    this.onFlush(join);
    if (this.pending.length === 0) return;
    this.writes.push(join.join(this.pending).toString());
    this.pending = [];
  }
}

describe('FrameJoiner', () => {
  it('joins the same list of frames once per round and keeps different lists apart', () => {
    const a = Buffer.from('a'), b = Buffer.from('b'), c = Buffer.from('c');
    const joiner = new FrameJoiner();
    const first = joiner.join([a, b]);
    expect(first.toString()).toBe('ab');
    expect(joiner.join([a, b])).toBe(first);
    expect(joiner.join([a, c]).toString()).toBe('ac');
    expect(joiner.join([a, b, c]).toString()).toBe('abc');
    expect(joiner.join([b])).toBe(b);
    // Equal bytes in different buffers are different frames (identity, not content).
    expect(joiner.join([Buffer.from('a'), b])).not.toBe(first);
  });
});

describe('Flusher', () => {
  it('writes every frame of a turn in one write per outbox, in order', async () => {
    const flusher = new Flusher();
    const one = new Outbox(flusher), two = new Outbox(flusher);
    const shared = [Buffer.from('1'), Buffer.from('2'), Buffer.from('3')];
    for (const frame of shared) { one.send(frame); two.send(frame); }
    expect(one.writes).toEqual([]); // nothing before the turn ends
    await nextTurn();
    expect(one.writes).toEqual(['123']);
    expect(two.writes).toEqual(['123']);
  });

  it('shares the joined bytes between outboxes due the same frames', async () => {
    const flusher = new Flusher();
    const joined: Buffer[] = [];
    const outboxes = [0, 1, 2].map(() => new Outbox(flusher, (join) => { joined.push(join.join(shared)); }));
    const shared = [Buffer.from('x'), Buffer.from('y')];
    for (const outbox of outboxes) for (const frame of shared) outbox.send(frame);
    await nextTurn();
    expect(joined).toHaveLength(3);
    expect(joined[1]).toBe(joined[0]);
    expect(joined[2]).toBe(joined[0]);
  });

  it('yields to the event loop between chunks and still reaches every outbox', async () => {
    const flusher = new Flusher({ chunk: 2, pauseRatio: 0 });
    const outboxes = Array.from({ length: 5 }, () => new Outbox(flusher));
    for (const outbox of outboxes) outbox.send(Buffer.from('n'));
    await nextTurn();
    expect(outboxes.filter((o) => o.writes.length === 1)).toHaveLength(2);
    await nextTurn();
    await nextTurn();
    expect(outboxes.every((o) => o.writes.join() === 'n')).toBe(true);
  });

  it('frames due while a round is being written go out in the next round', async () => {
    const flusher = new Flusher({ chunk: 1, pauseRatio: 0 });
    const first = new Outbox(flusher), second = new Outbox(flusher);
    first.send(Buffer.from('a'));
    second.send(Buffer.from('a'));
    await nextTurn(); // first written; the round yields before second
    expect(first.writes).toEqual(['a']);
    first.send(Buffer.from('b'));
    second.send(Buffer.from('b'));
    await sleep(5);
    expect(first.writes).toEqual(['a', 'b']);
    expect(second.writes).toEqual(['ab']);
  });

  it('pauses after a long round so that later frames are written together', async () => {
    const flusher = new Flusher({ chunk: 10, pauseRatio: 1, maxPauseMs: 100 });
    let busy = true;
    const slow = new Outbox(flusher, () => {
      const until = performance.now() + 30;
      while (busy && performance.now() < until);
      busy = false;
    });
    slow.send(Buffer.from('1'));
    await nextTurn(); // a 30 ms round: the next waits about as long
    slow.send(Buffer.from('2'));
    await nextTurn();
    slow.send(Buffer.from('3'));
    await nextTurn();
    expect(slow.writes).toEqual(['1']);
    await sleep(50);
    expect(slow.writes).toEqual(['1', '23']);
  });
});
