import { sql, type SQL } from 'drizzle-orm';
import { CHART_SCHEMAS, fieldsOf, type ChartName } from './schema.js';

/**
 * Misskey's charts as Mikan stores them: each chart's fields (dotted paths of its response, in
 * Misskey's order), which of them are running totals (and the inc/dec fields that move them), and
 * how a total is seeded from the real tables the first time it is written or read.
 */
export interface ChartDefinition {
  /** The dotted leaf paths of the chart's response schema (schema.ts). */
  fields: readonly string[];
  /**
   * Accumulated fields. A `live` total is read from the real tables on every read (`seed` is then a
   * cheap per-user lookup), exact whatever other processes still buffer; the others (instance-wide,
   * where a count would scan a growing table) keep a running value: seeded once, then moved by every
   * flushed `inc` and `dec`.
   */
  totals?: Readonly<Record<string, { inc: string; dec: string; seed: (group: string) => SQL; live?: boolean }>>;
  /** Fields counting each member once per bucket (ChartRecorder.addUnique); documentation of the chart. */
  unique?: readonly string[];
}

const count = (query: SQL) => sql`(${query})`;
const notesTotal = (local: boolean) => count(sql`SELECT count(*) FROM notes WHERE user_host IS ${local ? sql`NULL` : sql`NOT NULL`}`);
const usersTotal = (local: boolean) => count(sql`SELECT count(*) FROM users WHERE host IS ${local ? sql`NULL` : sql`NOT NULL`} AND NOT is_deleted`);
const followingsTotal = (userId: string, local: boolean) => count(sql`
  SELECT count(*) FROM followings f JOIN users u ON u.id = f.followee_id
  WHERE f.follower_id = ${userId} AND u.host IS ${local ? sql`NULL` : sql`NOT NULL`}`);
const followersTotal = (userId: string, local: boolean) => count(sql`
  SELECT count(*) FROM followings f JOIN users u ON u.id = f.follower_id
  WHERE f.followee_id = ${userId} AND u.host IS ${local ? sql`NULL` : sql`NOT NULL`}`);
const zero = () => sql`0`;

const DEFINITIONS: Record<ChartName, Omit<ChartDefinition, 'fields'>> = {
  'active-users': {
    unique: ['read', 'write', 'registeredWithinWeek', 'registeredWithinMonth', 'registeredWithinYear', 'registeredOutsideWeek', 'registeredOutsideMonth', 'registeredOutsideYear'],
  },
  'ap-request': {},
  drive: {},
  federation: {},
  instance: {
    // Per remote host; Mikan does not federate yet, so nothing writes these (their seeds are 0).
    totals: {
      'notes.total': { inc: 'notes.inc', dec: 'notes.dec', seed: zero },
      'users.total': { inc: 'users.inc', dec: 'users.dec', seed: zero },
      'following.total': { inc: 'following.inc', dec: 'following.dec', seed: zero },
      'followers.total': { inc: 'followers.inc', dec: 'followers.dec', seed: zero },
      'drive.totalFiles': { inc: 'drive.incFiles', dec: 'drive.decFiles', seed: zero },
    },
  },
  notes: {
    totals: {
      'local.total': { inc: 'local.inc', dec: 'local.dec', seed: () => notesTotal(true) },
      'remote.total': { inc: 'remote.inc', dec: 'remote.dec', seed: () => notesTotal(false) },
    },
  },
  users: {
    totals: {
      'local.total': { inc: 'local.inc', dec: 'local.dec', seed: () => usersTotal(true) },
      'remote.total': { inc: 'remote.inc', dec: 'remote.dec', seed: () => usersTotal(false) },
    },
  },
  'per-user-drive': {
    totals: {
      totalCount: { inc: 'incCount', dec: 'decCount', live: true, seed: (userId) => count(sql`SELECT count(*) FROM drive_files WHERE user_id = ${userId}`) },
      totalSize: { inc: 'incSize', dec: 'decSize', live: true, seed: (userId) => count(sql`SELECT COALESCE(sum(size), 0) FROM drive_files WHERE user_id = ${userId}`) },
    },
  },
  'per-user-following': {
    totals: {
      'local.followings.total': { inc: 'local.followings.inc', dec: 'local.followings.dec', live: true, seed: (userId) => followingsTotal(userId, true) },
      'local.followers.total': { inc: 'local.followers.inc', dec: 'local.followers.dec', live: true, seed: (userId) => followersTotal(userId, true) },
      'remote.followings.total': { inc: 'remote.followings.inc', dec: 'remote.followings.dec', live: true, seed: (userId) => followingsTotal(userId, false) },
      'remote.followers.total': { inc: 'remote.followers.inc', dec: 'remote.followers.dec', live: true, seed: (userId) => followersTotal(userId, false) },
    },
  },
  'per-user-notes': {
    totals: {
      // The author's notesCount, kept exact in the note's own transaction.
      total: { inc: 'inc', dec: 'dec', live: true, seed: (userId) => count(sql`SELECT COALESCE((SELECT notes_count FROM users WHERE id = ${userId}), 0)`) },
    },
  },
  'per-user-pv': {
    unique: ['upv.user', 'upv.visitor'],
  },
  'per-user-reactions': {},
};

export type { ChartName };
export type ChartSpan = 'hour' | 'day';

export const SPAN_MS: Record<ChartSpan, number> = { hour: 3_600_000, day: 86_400_000 };

/** The start of the UTC bucket `at` falls in. */
export function bucketOf(span: ChartSpan, at: number): number {
  return Math.floor(at / SPAN_MS[span]) * SPAN_MS[span];
}

const CHARTS = Object.fromEntries(Object.entries(DEFINITIONS).map(([chart, definition]) =>
  [chart, { ...definition, fields: fieldsOf(CHART_SCHEMAS[chart as ChartName]) }])) as unknown as Record<ChartName, ChartDefinition>;

export function chartDefinition(chart: ChartName): ChartDefinition {
  return CHARTS[chart];
}
