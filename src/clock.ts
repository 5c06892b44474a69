/**
 * The server's clock, for what depends on time and that tests want to move without sleeping (poll
 * expiry, scheduled notes, rate-limit windows, the start of queued jobs). Outside test mode the
 * offset stays 0 and `now()` is `Date.now()` plus one addition. Only the test server
 * (src/test-mode) moves it: nothing reads an environment variable or a setting for it.
 */
let offsetMs = 0;

/** Milliseconds since the epoch, as the server sees them. */
export function now(): number {
  return Date.now() + offsetMs;
}

/** How far the server's clock is ahead of the real one (0 outside test mode). */
export function clockOffset(): number {
  return offsetMs;
}

/** Test mode only: moves the server's clock forward (src/test-mode/clock.ts also shifts waiting jobs). */
export function shiftClock(ms: number): void {
  offsetMs += ms;
}

/** Test mode only: back to real time. */
export function resetClockOffset(): void {
  offsetMs = 0;
}
