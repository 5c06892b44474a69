import { bigint, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Misskey's charts (`charts/*`), one narrow generic table: a counter per chart, group (a user id,
 * a host, or '' for the instance), span ('hour' | 'day') and bucket start (UTC), one row per field
 * (`local.diffs.normal`). Rows are only written for buckets that saw an event; reading fills the
 * rest with zeros. Span 'total' (bucket at the epoch) keeps the running value of each
 * accumulated field (`local.total`), seeded from the real counts when first written.
 */
export const chartCounters = pgTable('chart_counters', {
  chart: varchar('chart', { length: 32 }).notNull(),
  group: varchar('group', { length: 256 }).notNull(),
  span: varchar('span', { length: 8 }).notNull(),
  date: timestamp('date', { withTimezone: true }).notNull(),
  field: varchar('field', { length: 64 }).notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
}, (t) => [
  primaryKey({ name: 'chart_counters_pkey', columns: [t.chart, t.group, t.span, t.date, t.field] }),
]);

/**
 * Who was already counted in a bucket of a unique field (active users, unique profile viewers):
 * a member counts once per bucket. Only the current buckets need them; older ones are pruned.
 */
export const chartUniqueMarks = pgTable('chart_unique_marks', {
  chart: varchar('chart', { length: 32 }).notNull(),
  group: varchar('group', { length: 256 }).notNull(),
  span: varchar('span', { length: 8 }).notNull(),
  date: timestamp('date', { withTimezone: true }).notNull(),
  field: varchar('field', { length: 64 }).notNull(),
  member: varchar('member', { length: 256 }).notNull(),
}, (t) => [
  primaryKey({ name: 'chart_unique_marks_pkey', columns: [t.chart, t.group, t.span, t.date, t.field, t.member] }),
]);
