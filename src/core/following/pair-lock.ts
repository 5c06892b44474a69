import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';

/**
 * Serialises writes about one pair of users (either order) until the transaction ends. Without it,
 * a follow that checked "no block" could commit right after a concurrent block removed the follows,
 * leaving a follow across a block. A transaction-scoped advisory lock on the pair is cheap and
 * needs no row to exist yet.
 */
export async function lockUserPair(tx: Tx, userId: string, otherId: string): Promise<void> {
  const key = userId < otherId ? `${userId}:${otherId}` : `${otherId}:${userId}`;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
