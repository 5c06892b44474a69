import { Type, type TObject, type TSchema } from '@sinclair/typebox';

/** The params every `charts/*` endpoint takes (Misskey's `getChart` paramDef). */
export const chartParams = {
  span: Type.Union([Type.Literal('day'), Type.Literal('hour')]),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 30 })),
  offset: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { default: null })),
};

const series = () => Type.Array(Type.Number());
const seriesOf = <const K extends string>(...keys: K[]) => Type.Object(Object.fromEntries(keys.map((key) => [key, series()])) as { [P in K]: ReturnType<typeof series> });
const notes = () => Type.Object({ ...seriesOf('total', 'inc', 'dec').properties, diffs: seriesOf('normal', 'reply', 'renote', 'withFile') });
const totalIncDec = () => seriesOf('total', 'inc', 'dec');
const driveIncDec = () => seriesOf('incCount', 'incSize', 'decCount', 'decSize');

/**
 * Each chart's response as misskey-js types it (ChartsNotesResponse …): nested objects of number
 * arrays, in Misskey's field order. The stored fields are these objects' dotted leaf paths.
 */
export const CHART_SCHEMAS = {
  'active-users': seriesOf('readWrite', 'read', 'write', 'registeredWithinWeek', 'registeredWithinMonth', 'registeredWithinYear', 'registeredOutsideWeek', 'registeredOutsideMonth', 'registeredOutsideYear'),
  'ap-request': seriesOf('deliverFailed', 'deliverSucceeded', 'inboxReceived'),
  drive: Type.Object({ local: driveIncDec(), remote: driveIncDec() }),
  federation: seriesOf('deliveredInstances', 'inboxInstances', 'stalled', 'sub', 'pub', 'pubsub', 'subActive', 'pubActive'),
  instance: Type.Object({
    requests: seriesOf('failed', 'succeeded', 'received'),
    notes: notes(),
    users: totalIncDec(),
    following: totalIncDec(),
    followers: totalIncDec(),
    drive: seriesOf('totalFiles', 'incFiles', 'decFiles', 'incUsage', 'decUsage'),
  }),
  notes: Type.Object({ local: notes(), remote: notes() }),
  users: Type.Object({ local: totalIncDec(), remote: totalIncDec() }),
  'per-user-drive': seriesOf('totalCount', 'totalSize', 'incCount', 'incSize', 'decCount', 'decSize'),
  'per-user-following': Type.Object({
    local: Type.Object({ followings: totalIncDec(), followers: totalIncDec() }),
    remote: Type.Object({ followings: totalIncDec(), followers: totalIncDec() }),
  }),
  'per-user-notes': notes(),
  'per-user-pv': Type.Object({ upv: seriesOf('user', 'visitor'), pv: seriesOf('user', 'visitor') }),
  'per-user-reactions': Type.Object({ local: seriesOf('count'), remote: seriesOf('count') }),
};

export type ChartName = keyof typeof CHART_SCHEMAS;

/** The response schema of a chart. */
export function chartResponseSchema<Name extends ChartName>(chart: Name): (typeof CHART_SCHEMAS)[Name] {
  return CHART_SCHEMAS[chart];
}

/** A schema's leaf paths, dotted, in order: the fields a chart stores. */
export function fieldsOf(schema: TObject, prefix = ''): string[] {
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([key, child]) =>
    child.type === 'object' ? fieldsOf(child as TObject, `${prefix}${key}.`) : [`${prefix}${key}`]);
}
