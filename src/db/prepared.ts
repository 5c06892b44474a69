import type { Database, Db } from './postgres.js';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A named prepared statement for a hot query, built once per database. Drizzle builds the SQL
 * once (not per call) and node-postgres prepares it once per connection of `preparedDb`, whose
 * sessions use generic plans: PostgreSQL parses and plans it once per connection instead of on
 * every request (by default it keeps re-planning a statement whose generic plan it estimates
 * dearer, as it does for the timelines, where planning took longer than running). Values go in as
 * placeholders (`sql.placeholder('name')`) bound at `execute`; `name` must identify the query's
 * shape (it is the PostgreSQL statement name, at most 63 bytes). `build` must build on the `db`
 * it is given.
 */
export function prepared<T>(database: Pick<Database, 'preparedDb'>, name: string, build: (db: Db, name: string) => T): T {
  const db = database.preparedDb;
  let byName = statements.get(db);
  if (!byName) statements.set(db, byName = new Map());
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) byName.set(name, statement = build(db, name));
  return statement;
}
