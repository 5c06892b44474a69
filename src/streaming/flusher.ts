/** Something with frames waiting to be written (a socket's outbox). */
export interface Flushable {
  flush(join: FrameJoiner): void;
}

/**
 * Concatenates frame lists into one buffer per distinct list, remembered for one round: most
 * sockets of a round are due the very same shared frames, so the bytes are joined once and the
 * same buffer is written to all of them.
 */
export class FrameJoiner {
  private readonly joined = new Map<Buffer, { frames: Buffer[]; bytes: Buffer }[]>();

  join(frames: Buffer[]): Buffer {
    if (frames.length === 1) return frames[0]!;
    const candidates = this.joined.get(frames[0]!);
    if (candidates) {
      for (const candidate of candidates) {
        if (sameFrames(candidate.frames, frames)) return candidate.bytes;
      }
    }
    const bytes = Buffer.concat(frames);
    if (candidates) candidates.push({ frames, bytes }); else this.joined.set(frames[0]!, [{ frames, bytes }]);
    return bytes;
  }
}

function sameFrames(a: Buffer[], b: Buffer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface FlusherOptions {
  /** Sockets written before yielding to the event loop (so HTTP requests are not held up). */
  chunk: number;
  /** The pause after a round, as a fraction of the time the round took... */
  pauseRatio: number;
  /** ...but never longer than this (ms). */
  maxPauseMs: number;
}

// Measured with bench/streaming.ts (5,000 sockets, 50 notes/s, steady state after its warm-up;
// create→receipt p50 / p99 ms, two to four runs each): a pause of 0 → 78–105 / 236–259 (more
// writes, more CPU), 0.25 of the round → 71–98 / 186–282, 0.5 → 84–106 / 192–336, 1 → 104–106 /
// 228–250. A quarter of the round keeps the writes a second bounded at the lowest latency.
const DEFAULTS: FlusherOptions = { chunk: 500, pauseRatio: 0.25, maxPauseMs: 100 };

/**
 * Writes sockets' outboxes in rounds. A round starts right after the current turn of the event
 * loop (so every frame dispatched in the turn shares the socket's one write) and yields to the
 * event loop every `chunk` sockets. A round that took long (thousands of sockets) is followed by
 * a pause of about as long before the next: frames due meanwhile are then written together, one
 * system call per socket for several notes. The cost of a delivery is mostly that system call, so
 * under load the batches grow by themselves and the number of writes a second stays bounded, while
 * a small server (rounds well under a millisecond) writes at once.
 */
export class Flusher {
  private due: Flushable[] = [];
  private writing = false;
  private armed = false;
  private nextRoundAt = 0;
  private readonly options: FlusherOptions;

  constructor(options: Partial<FlusherOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** `target.flush()` will be called in the next round (once per call of `schedule`). */
  schedule(target: Flushable): void {
    this.due.push(target);
    if (!this.writing && !this.armed) this.arm();
  }

  private arm(): void {
    this.armed = true;
    const wait = this.nextRoundAt - performance.now();
    if (wait < 1) setImmediate(() => this.start());
    else setTimeout(() => this.start(), wait);
  }

  private start(): void {
    this.armed = false;
    const round = this.due;
    this.due = [];
    this.writing = true;
    this.write(round, 0, performance.now(), new FrameJoiner());
  }

  private write(round: Flushable[], from: number, startedAt: number, joiner: FrameJoiner): void {
    const end = Math.min(round.length, from + this.options.chunk);
    for (let i = from; i < end; i++) round[i]!.flush(joiner);
    if (end < round.length) {
      setImmediate(() => this.write(round, end, startedAt, joiner));
      return;
    }
    const now = performance.now();
    this.nextRoundAt = now + Math.min(this.options.maxPauseMs, (now - startedAt) * this.options.pauseRatio);
    this.writing = false;
    if (this.due.length > 0) this.arm();
  }
}
