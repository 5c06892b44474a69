import type { AppContext } from '../context.js';
import { PgKvStore } from './kv.js';

/**
 * The dead-host cutoff: a host that has answered no delivery for a week (every attempt failed
 * since the first failure, with at least 10 failures) is considered gone, and deliveries to it
 * are dropped instead of retried for hours each. Any answer to a delivery clears the record; an
 * administrator can clear it too (left: admin/federation/*). Kept in the federation KV store.
 */

export interface HostHealth {
  /** Ms epoch of the first failure with no success since; null while healthy. */
  failingSince: number | null;
  failures: number;
}

export const DEAD_AFTER_MS = 7 * 24 * 3600_000;
export const DEAD_AFTER_FAILURES = 10;

const key = (host: string) => ['mikan', 'hostHealth', host.toLowerCase()] as const;

export async function hostHealth(ctx: AppContext, host: string): Promise<HostHealth | undefined> {
  return new PgKvStore(ctx).get<HostHealth>([...key(host)]);
}

export function isDead(health: HostHealth | undefined, now = Date.now()): boolean {
  return health?.failingSince != null && now - health.failingSince >= DEAD_AFTER_MS && health.failures >= DEAD_AFTER_FAILURES;
}

export async function setHostHealth(ctx: AppContext, host: string, health: HostHealth | null): Promise<void> {
  const store = new PgKvStore(ctx);
  if (health === null) await store.delete([...key(host)]);
  else await store.set([...key(host)], health);
}

/** Records a delivery's outcome; a success clears the record (healthy hosts keep none). */
export async function recordDelivery(ctx: AppContext, host: string, ok: boolean, known: HostHealth | undefined): Promise<void> {
  if (ok) {
    if (known) await setHostHealth(ctx, host, null);
    return;
  }
  await setHostHealth(ctx, host, { failingSince: known?.failingSince ?? Date.now(), failures: (known?.failures ?? 0) + 1 });
}
