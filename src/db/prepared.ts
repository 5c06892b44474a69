import type { Db } from './postgres.js';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A named prepared statement for a hot query, built once per database handle. Drizzle builds the
 * SQL once (not per call) and node-postgres prepares it once per connection, so PostgreSQL parses
 * and plans it once per connection instead of on every request. Values go in as placeholders
 * (`sql.placeholder('name')`) bound at `execute`; `name` must identify the query's shape (it is
 * the PostgreSQL statement name, at most 63 bytes).
 */
export function prepared<T>(db: Db, name: string, build: (name: string) => T): T {
  let byName = statements.get(db);
  if (!byName) statements.set(db, byName = new Map());
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) byName.set(name, statement = build(name));
  return statement;
}
