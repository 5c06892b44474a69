import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { bucketOf, chartDefinition, type ChartName, type ChartSpan } from './definitions.js';

const SPANS: readonly ChartSpan[] = ['hour', 'day'];
const FLUSH_INTERVAL_MS = 5_000;
const SEPARATOR = '\u0000';
/** The bucket date of the running totals (span 'total'). */
export const TOTALS_DATE = new Date(0);

/**
 * The write side of the charts, as Misskey does it: events only add to counters in memory (a Map
 * update, no I/O on `notes/create` and the other hot paths); every few seconds, before a chart is
 * read, and on shutdown, the process flushes them in one transaction with additive UPSERTs, so
 * any number of processes add up correctly. What a crash catches unflushed (at most a few seconds)
 * is lost, as Misskey loses its unsaved chart buffers (docs/decisions.md).
 */
export class ChartRecorder {
  private counters = new Map<string, number>();
  private totals = new Map<string, number>();
  private marks = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastPrunedHour = 0;

  constructor(private readonly ctx: AppContext) {}

  private stopped = false;

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => {});
  }

  /** Adds `deltas` (field → amount) to the current hour and day buckets of `chart` for `group`. */
  add(chart: ChartName, group: string, deltas: Record<string, number>, now = Date.now()): void {
    const totals = chartDefinition(chart).totals ?? {};
    const prefix = chart + SEPARATOR + group + SEPARATOR;
    const hour = prefix + 'hour' + SEPARATOR + bucketOf('hour', now) + SEPARATOR;
    const day = prefix + 'day' + SEPARATOR + bucketOf('day', now) + SEPARATOR;
    for (const field in deltas) {
      const delta = deltas[field]!;
      if (delta === 0) continue;
      if (field in totals) {
        if (totals[field]!.live) continue;
        this.totals.set(prefix + field, (this.totals.get(prefix + field) ?? 0) + delta);
        continue;
      }
      this.counters.set(hour + field, (this.counters.get(hour + field) ?? 0) + delta);
      this.counters.set(day + field, (this.counters.get(day + field) ?? 0) + delta);
    }
    if (!this.timer) this.start();
  }

  /** Counts `member` once per hour and day bucket in each of `fields` (unique fields of `chart`). */
  addUnique(chart: ChartName, group: string, fields: readonly string[], member: string, now = Date.now()): void {
    for (const field of fields) {
      for (const span of SPANS) this.marks.add([chart, group, span, bucketOf(span, now), field, member].join(SEPARATOR));
    }
    this.start();
  }

  /** Writes what is buffered; one flush at a time. A failed flush keeps its counts for the next. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => {});
    return run;
  }

  private async flushOnce(): Promise<void> {
    const now = Date.now();
    const prune = bucketOf('hour', now) !== this.lastPrunedHour;
    if (this.counters.size === 0 && this.totals.size === 0 && this.marks.size === 0 && !prune) return;
    const counters = this.counters;
    const totals = this.totals;
    const marks = this.marks;
    this.counters = new Map();
    this.totals = new Map();
    this.marks = new Set();
    try {
      await this.ctx.db.transaction(async (tx) => {
        await writeMarks(tx, marks, counters);
        await writeCounters(tx, counters);
        await writeTotals(tx, totals);
        if (prune) await pruneMarks(tx, now);
      });
      if (prune) this.lastPrunedHour = bucketOf('hour', now);
    } catch (error) {
      for (const [key, value] of counters) this.counters.set(key, (this.counters.get(key) ?? 0) + value);
      for (const [key, value] of totals) this.totals.set(key, (this.totals.get(key) ?? 0) + value);
      for (const key of marks) this.marks.add(key);
      this.ctx.log.warn({ err: error }, 'could not write chart counters (kept for the next flush)');
      throw error;
    }
  }
}

/** Inserts the marks; each one new to its bucket counts one in `counters` (and active users' readWrite). */
async function writeMarks(tx: Executor, marks: Set<string>, counters: Map<string, number>): Promise<void> {
  if (marks.size === 0) return;
  const columns: string[][] = [[], [], [], [], [], []];
  for (const key of marks) key.split(SEPARATOR).forEach((part, index) => columns[index]!.push(part));
  const dates = columns[3]!.map((ms) => new Date(Number(ms)).toISOString());
  const { rows } = await tx.execute<{ chart: string; group: string; span: string; date_ms: string; field: string; member: string }>(sql`
    INSERT INTO chart_unique_marks (chart, "group", span, date, field, member)
    SELECT * FROM unnest(${sql.param(columns[0])}::varchar[], ${sql.param(columns[1])}::varchar[], ${sql.param(columns[2])}::varchar[], ${sql.param(dates)}::timestamptz[], ${sql.param(columns[4])}::varchar[], ${sql.param(columns[5])}::varchar[])
    ON CONFLICT DO NOTHING
    RETURNING chart, "group", span, (extract(epoch from date) * 1000)::bigint AS date_ms, field, member`);
  const readOrWrite: { span: string; dateMs: string; member: string }[] = [];
  for (const row of rows) {
    const key = [row.chart, row.group, row.span, row.date_ms, row.field].join(SEPARATOR);
    counters.set(key, (counters.get(key) ?? 0) + 1);
    if (row.chart === 'active-users' && (row.field === 'read' || row.field === 'write')) readOrWrite.push({ span: row.span, dateMs: row.date_ms, member: row.member });
  }
  if (readOrWrite.length === 0) return;
  // readWrite: users who both read and wrote in the bucket (Misskey's intersection), counted when
  // the second of the two marks is new — once, however many of them this flush brought.
  const { rows: both } = await tx.execute<{ span: string; date_ms: string }>(sql`
    SELECT m.span, (extract(epoch from m.date) * 1000)::bigint AS date_ms
    FROM chart_unique_marks m
    JOIN (SELECT DISTINCT * FROM unnest(${sql.param(readOrWrite.map((row) => row.span))}::varchar[], ${sql.param(readOrWrite.map((row) => new Date(Number(row.dateMs)).toISOString()))}::timestamptz[], ${sql.param(readOrWrite.map((row) => row.member))}::varchar[]) AS n(span, date, member)) n
      ON m.span = n.span AND m.date = n.date AND m.member = n.member
    WHERE m.chart = 'active-users' AND m."group" = '' AND m.field IN ('read', 'write')
    GROUP BY m.span, m.date, m.member HAVING count(*) = 2`);
  for (const row of both) {
    const key = ['active-users', '', row.span, row.date_ms, 'readWrite'].join(SEPARATOR);
    counters.set(key, (counters.get(key) ?? 0) + 1);
  }
}

async function writeCounters(tx: Executor, counters: Map<string, number>): Promise<void> {
  if (counters.size === 0) return;
  const columns: string[][] = [[], [], [], [], []];
  const values: number[] = [];
  for (const [key, value] of counters) {
    key.split(SEPARATOR).forEach((part, index) => columns[index]!.push(part));
    values.push(value);
  }
  const dates = columns[3]!.map((ms) => new Date(Number(ms)).toISOString());
  await tx.execute(sql`
    INSERT INTO chart_counters AS c (chart, "group", span, date, field, value)
    SELECT * FROM unnest(${sql.param(columns[0])}::varchar[], ${sql.param(columns[1])}::varchar[], ${sql.param(columns[2])}::varchar[], ${sql.param(dates)}::timestamptz[], ${sql.param(columns[4])}::varchar[], ${sql.param(values)}::bigint[])
    ON CONFLICT (chart, "group", span, date, field) DO UPDATE SET value = c.value + excluded.value`);
}

/**
 * Running totals: the first write seeds the row from the real tables (which already hold the
 * events being flushed, all committed before they were recorded); later ones add their delta.
 */
async function writeTotals(tx: Executor, totals: Map<string, number>): Promise<void> {
  for (const [key, delta] of totals) {
    const [chart, group, field] = key.split(SEPARATOR) as [ChartName, string, string];
    const seed = chartDefinition(chart).totals![field]!.seed(group);
    await tx.execute(sql`
      INSERT INTO chart_counters AS c (chart, "group", span, date, field, value)
      VALUES (${chart}, ${group}, 'total', ${TOTALS_DATE.toISOString()}::timestamptz, ${field}, ${seed})
      ON CONFLICT (chart, "group", span, date, field) DO UPDATE SET value = c.value + ${delta}`);
  }
}

/** Marks of buckets that ended before the previous one can no longer change a count. */
async function pruneMarks(tx: Executor, now: number): Promise<void> {
  await tx.execute(sql`
    DELETE FROM chart_unique_marks
    WHERE (span = 'hour' AND date < ${new Date(bucketOf('hour', now) - 3_600_000).toISOString()}::timestamptz)
       OR (span = 'day' AND date < ${new Date(bucketOf('day', now) - 86_400_000).toISOString()}::timestamptz)`);
}

const recorders = new WeakMap<AppContext, ChartRecorder>();

/** This process's chart buffer for `ctx` (created on first use). */
export function chartRecorder(ctx: AppContext): ChartRecorder {
  let recorder = recorders.get(ctx);
  if (!recorder) {
    recorder = new ChartRecorder(ctx);
    recorders.set(ctx, recorder);
  }
  return recorder;
}

/** The test server's reset (src/test-mode): buffered counts are written now, and a new buffer starts at next use. */
export async function resetCharts(ctx: AppContext): Promise<void> {
  const recorder = recorders.get(ctx);
  recorders.delete(ctx);
  await recorder?.stop();
}

/** On shutdown: the last flush, before the database closes. */
export async function stopCharts(ctx: AppContext): Promise<void> {
  await recorders.get(ctx)?.stop();
}
