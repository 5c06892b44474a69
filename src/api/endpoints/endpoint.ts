import { Type, type TSchema } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { loadEndpoints } from '../registry.js';

const EndpointParamsSchema = Type.Object({
  params: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })),
});

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function jsonTypesOf(schema: TSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const variants = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  return variants ? variants.flatMap(jsonTypesOf) : [];
}

/**
 * Misskey names a param's type by its JSON-schema `type` with the first letter upper-cased
 * ('String', 'Integer', 'Array' ...) and says 'string' when there is none. Misskey writes
 * "nullable string" as `type: 'string', nullable: true` and enums as `type: 'string', enum`; in
 * TypeBox those are unions, so a union whose non-null members share one type is named by it.
 */
export function paramTypeName(schema: TSchema): string {
  const types = [...new Set(jsonTypesOf(schema).filter((type) => type !== 'null'))];
  return types.length === 1 ? capitalize(types[0]) : 'string';
}

export function describeParams(params: TSchema): { name: string; type: string }[] {
  const properties = (params.properties ?? {}) as Record<string, TSchema>;
  return Object.entries(properties).map(([name, schema]) => ({ name, type: paramTypeName(schema) }));
}

export default defineEndpoint({
  summary: 'The parameters of one API endpoint, or null when there is no such endpoint.',
  tags: ['meta'],
  requireCredential: false,
  params: Type.Object({ endpoint: Type.String() }),
  res: Type.Union([EndpointParamsSchema, Type.Null()]),
}, async ({ params }) => {
  const endpoint = (await loadEndpoints()).find((candidate) => candidate.name === params.endpoint);
  return endpoint ? { params: describeParams(endpoint.meta.params) } : null;
});
