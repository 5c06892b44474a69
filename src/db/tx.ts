import type { Db } from './postgres.js';

/** A transaction handle as Drizzle passes it to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Where a query may run: the pool, or an open transaction so related writes commit together. */
export type Executor = Db | Tx;
