import type { Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { bucketOf, chartDefinition, SPAN_MS, type ChartName, type ChartSpan } from './definitions.js';
import { chartRecorder, TOTALS_DATE } from './recorder.js';
import type { CHART_SCHEMAS } from './schema.js';

export interface ChartQuery {
  span: ChartSpan;
  limit: number;
  /** A time (ms); the newest bucket is the one starting at it, rounded up to a bucket start. Null: now. */
  offset: number | null;
}

/** A chart as Misskey answers it: the response's nested objects, each leaf an array of `limit` numbers, newest first. */
export type ChartResponse = { [key: string]: number[] | ChartResponse };

/**
 * Reads `limit` buckets of a chart for `group` (a user id, a host, or '' for the instance) in one
 * query: the buckets in range, the net changes after it (for the running totals) and the running
 * totals. Buckets without a row are 0; a total is its running value minus what came after.
 */
export async function readChart<Name extends ChartName>(ctx: AppContext, chart: Name, group: string, query: ChartQuery): Promise<Static<(typeof CHART_SCHEMAS)[Name]>> {
  // This process's unflushed counts first (other processes flush within a few seconds).
  await chartRecorder(ctx).flush().catch(() => {});
  const definition = chartDefinition(chart);
  const step = SPAN_MS[query.span];
  const newest = query.offset == null ? bucketOf(query.span, Date.now()) : Math.ceil(query.offset / step) * step;
  const oldest = newest - (query.limit - 1) * step;
  const end = newest + step;
  const totals = definition.totals ?? {};
  const netFields = Object.values(totals).flatMap((total) => [total.inc, total.dec]);
  // Live totals come from the real tables in the same statement (a per-user lookup).
  const liveTotals = Object.entries(totals).filter(([, total]) => total.live);

  const { rows } = await ctx.db.execute<{ kind: 'bucket' | 'after' | 'total'; date_ms: string | null; field: string; value: string }>(sql`
    SELECT 'bucket' AS kind, (extract(epoch from date) * 1000)::bigint AS date_ms, field, value FROM chart_counters
    WHERE chart = ${chart} AND "group" = ${group} AND span = ${query.span}
      AND date >= ${new Date(oldest).toISOString()}::timestamptz AND date < ${new Date(end).toISOString()}::timestamptz
    UNION ALL
    SELECT 'after', NULL, field, sum(value) FROM chart_counters
    WHERE chart = ${chart} AND "group" = ${group} AND span = ${query.span} AND date >= ${new Date(end).toISOString()}::timestamptz
      AND field = ANY(${sql.param(netFields)}::varchar[])
    GROUP BY field
    UNION ALL
    SELECT 'total', NULL, field, value FROM chart_counters
    WHERE chart = ${chart} AND "group" = ${group} AND span = 'total' AND date = ${TOTALS_DATE.toISOString()}::timestamptz
    ${sql.join(liveTotals.map(([field, total]) => sql` UNION ALL SELECT 'total', NULL, ${field}::varchar, (${total.seed(group)})::bigint`))}`);

  const series = new Map<string, number[]>(definition.fields.map((field) => [field, new Array<number>(query.limit).fill(0)]));
  const after = new Map<string, number>();
  const running = new Map<string, number>();
  for (const row of rows) {
    const value = Number(row.value);
    if (row.kind === 'after') after.set(row.field, value);
    else if (row.kind === 'total') running.set(row.field, value);
    else {
      const index = (newest - Number(row.date_ms)) / step;
      const values = series.get(row.field);
      if (values && Number.isInteger(index) && index >= 0 && index < query.limit) values[index] = value;
    }
  }

  const missing = Object.keys(totals).filter((field) => !running.has(field));
  if (missing.length > 0) for (const [field, value] of await seedTotals(ctx, chart, group, missing)) running.set(field, value);
  for (const [field, total] of Object.entries(totals)) {
    const values = series.get(field)!;
    const incs = series.get(total.inc)!;
    const decs = series.get(total.dec)!;
    let value = (running.get(field) ?? 0) - (after.get(total.inc) ?? 0) + (after.get(total.dec) ?? 0);
    for (let index = 0; index < query.limit; index++) {
      values[index] = value;
      value -= incs[index]! - decs[index]!;
    }
  }
  return nest(definition.fields, series) as Static<(typeof CHART_SCHEMAS)[Name]>;
}

/** Running totals never written yet: seeded from the real tables now, kept if nobody else seeded first. */
async function seedTotals(ctx: AppContext, chart: ChartName, group: string, fields: string[]): Promise<Map<string, number>> {
  const totals = chartDefinition(chart).totals!;
  const result = new Map<string, number>();
  for (const field of fields) {
    await ctx.db.execute(sql`
      INSERT INTO chart_counters (chart, "group", span, date, field, value)
      VALUES (${chart}, ${group}, 'total', ${TOTALS_DATE.toISOString()}::timestamptz, ${field}, ${totals[field]!.seed(group)})
      ON CONFLICT DO NOTHING`);
    const { rows } = await ctx.db.execute<{ value: string }>(sql`
      SELECT value FROM chart_counters
      WHERE chart = ${chart} AND "group" = ${group} AND span = 'total' AND date = ${TOTALS_DATE.toISOString()}::timestamptz AND field = ${field}`);
    result.set(field, Number(rows[0]?.value ?? 0));
  }
  return result;
}

function nest(fields: readonly string[], series: Map<string, number[]>): ChartResponse {
  const root: ChartResponse = {};
  for (const field of fields) {
    const path = field.split('.');
    let node = root;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as ChartResponse;
    node[path.at(-1)!] = series.get(field)!;
  }
  return root;
}
