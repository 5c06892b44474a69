import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { CHARTS, type ChartName } from './definitions.js';

/** The params every `charts/*` endpoint takes (Misskey's `getChart` paramDef). */
export const chartParams = {
  span: Type.Union([Type.Literal('day'), Type.Literal('hour')]),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 30 })),
  offset: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { default: null })),
};

/** The response schema of a chart, built from its field list: nested objects of number arrays. */
export function chartResponseSchema(chart: ChartName): TObject {
  type Tree = { [key: string]: Tree | null };
  const tree: Tree = {};
  for (const field of CHARTS[chart].fields) {
    const path = field.split('.');
    let node = tree;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Tree;
    node[path.at(-1)!] = null;
  }
  const build = (node: Tree): TObject => Type.Object(Object.fromEntries(Object.entries(node).map(([key, child]): [string, TSchema] =>
    [key, child === null ? Type.Array(Type.Number()) : build(child)])));
  return build(tree);
}
