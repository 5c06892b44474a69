import type pg from 'pg';
import type { AppContext } from '../context.js';
import { MemoryCache } from '../misc/cache.js';
import { forgetAntennaIndex } from '../core/antennas/antenna-index.js';
import { resetCharts } from '../core/charts/recorder.js';
import { resetClockOffset } from '../clock.js';
import { JOB_SCHEMA } from '../jobs/queue.js';
import { enqueuePendingPollEnds } from '../jobs/kinds/ended-poll-notification.js';
import { enqueuePendingScheduledNotes } from '../core/drafts/queue.js';
import { scheduleModeratorsActivityCheck } from '../jobs/kinds/check-moderators-activity.js';

/** The snapshot `reset-db` returns to: the state right after the test server started (its administrator, its settings). */
export const BASE_SNAPSHOT = 'base';
const SNAPSHOT_NAME = /^[a-z0-9_]{1,40}$/;
const SCHEMA_PREFIX = 'mikan_test_snapshot_';

export class SnapshotError extends Error {}

interface Table { name: string; columns: string; }
interface Snapshot { tables: string[]; sequences: { name: string; value: number | null }[] }

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Named snapshots of the test server's data, and going back to one, in well under a second on a
 * seeded database: a snapshot copies the non-empty tables of `public` into a schema of its own
 * (`CREATE TABLE … AS SELECT`); a restore empties the tables that hold rows now or in the
 * snapshot (DELETE) and copies the snapshot back, in one transaction with foreign keys and triggers off
 * (`session_replication_role = replica`; the test server's PostgreSQL is its own, so Mikan is its
 * superuser). Cloning a template database was the other way, but it needs every connection to the
 * source closed: the server's pools, its job workers and their LISTEN sessions would all have to
 * go and come back on every reset (docs/decisions.md, "Test server").
 *
 * Restoring also empties what the server keeps in memory about the data (see `clearMemoryState`).
 */
export class TestState {
  private tables: Table[] = [];
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly ctx: AppContext, private readonly extraReset: () => Promise<void> = async () => {}) {}

  /** Reads the table list once (the schema does not change while the test server runs). */
  async init(): Promise<void> {
    const { rows } = await this.ctx.database.pool.query<{ table_name: string; columns: string[] }>(`
      SELECT c.table_name, array_agg(quote_ident(c.column_name) ORDER BY c.ordinal_position) AS columns
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.is_generated = 'NEVER'
      GROUP BY c.table_name ORDER BY c.table_name`);
    this.tables = rows.map((row) => ({ name: row.table_name, columns: row.columns.join(', ') }));
  }

  names(): string[] {
    return [...this.snapshots.keys()];
  }

  private async nonEmptyTables(client: pg.PoolClient): Promise<string[]> {
    const query = this.tables.map((table) => `SELECT ${pgString(table.name)} AS name WHERE EXISTS (SELECT 1 FROM public.${quote(table.name)})`).join(' UNION ALL ');
    const { rows } = await client.query<{ name: string }>(query);
    return rows.map((row) => row.name);
  }

  async snapshot(name: string): Promise<void> {
    if (!SNAPSHOT_NAME.test(name)) throw new SnapshotError('a snapshot name is 1-40 characters of a-z, 0-9 and _');
    const schema = quote(SCHEMA_PREFIX + name);
    const client = await this.ctx.database.pool.connect();
    try {
      // What sits in memory unwritten (chart counts) goes into the database first.
      await resetCharts(this.ctx);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const tables = await this.nonEmptyTables(client);
      const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
        "SELECT quote_ident(sequencename) AS name, last_value AS value FROM pg_sequences WHERE schemaname = 'public'");
      await client.query([
        `DROP SCHEMA IF EXISTS ${schema} CASCADE`,
        `CREATE SCHEMA ${schema}`,
        ...tables.map((table) => `CREATE TABLE ${schema}.${quote(table)} AS SELECT * FROM public.${quote(table)}`),
      ].join(';\n'));
      await client.query('COMMIT');
      this.snapshots.set(name, { tables, sequences: sequences.map((s) => ({ name: s.name, value: s.value === null ? null : Number(s.value) })) });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async restore(name: string): Promise<void> {
    const snapshot = this.snapshots.get(name);
    if (!snapshot) throw new SnapshotError(`no snapshot named "${name}"`);
    const schema = quote(SCHEMA_PREFIX + name);
    const byName = new Map(this.tables.map((table) => [table.name, table]));
    await resetCharts(this.ctx);
    const client = await this.ctx.database.pool.connect();
    try {
      await client.query('BEGIN');
      const dirty = new Set([...await this.nonEmptyTables(client), ...snapshot.tables]);
      const statements = ['SET LOCAL session_replication_role = replica'];
      // DELETE rather than TRUNCATE: test data is small, and TRUNCATE makes new files for every table it empties (slower here).
      for (const table of dirty) statements.push(`DELETE FROM public.${quote(table)}`);
      for (const table of snapshot.tables) {
        const columns = byName.get(table)!.columns;
        statements.push(`INSERT INTO public.${quote(table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${schema}.${quote(table)}`);
      }
      for (const sequence of snapshot.sequences) {
        statements.push(sequence.value === null
          ? `SELECT setval('public.${sequence.name}', 1, false)`
          : `SELECT setval('public.${sequence.name}', ${sequence.value}, true)`);
      }
      // Jobs waiting for data that is gone; the ones the restored data needs are queued again below.
      statements.push(`DELETE FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry')`);
      await client.query(statements.join(';\n'));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    await this.clearMemoryState();
    await enqueuePendingPollEnds(this.ctx);
    await enqueuePendingScheduledNotes(this.ctx);
    await scheduleModeratorsActivityCheck(this.ctx);
  }

  /** `reset-db`: back to the state right after start, and to real time. */
  async reset(): Promise<void> {
    resetClockOffset();
    await this.restore(BASE_SNAPSHOT);
  }

  /**
   * Everything the server remembers about the data outside the database, so that no test sees what
   * an earlier one left: instance settings and roles (reloaded), the caches of credentials, users
   * and relations, rate-limit windows and other short-lived values, the antenna index, chart
   * counts; streaming connections and captured mail are the test server's (`extraReset`).
   */
  async clearMemoryState(): Promise<void> {
    const { ctx } = this;
    ctx.caches.credentials.clear();
    ctx.caches.users.clear();
    ctx.caches.relations.clear();
    ctx.caches.hiddenUsers.clear();
    if (ctx.cache instanceof MemoryCache) ctx.cache.clear();
    forgetAntennaIndex(ctx);
    await ctx.meta.load();
    await ctx.roles.load();
    await this.extraReset();
  }

  /** Drops the snapshot schemas (the data directory goes anyway; this is for a server on an external database). */
  async dropAll(): Promise<void> {
    for (const name of this.snapshots.keys()) await this.ctx.database.pool.query(`DROP SCHEMA IF EXISTS ${quote(SCHEMA_PREFIX + name)} CASCADE`);
    this.snapshots.clear();
  }
}

function pgString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
