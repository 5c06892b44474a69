import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { ApiError, apiErrors } from './errors.js';

/** One Ajv for all endpoint schemas; `useDefaults` fills declared defaults into params as Misskey does. */
export const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: false });
addFormats.default(ajv);
ajv.addFormat('misskey:id', /^[a-zA-Z0-9]+$/);

/** A separate instance for responses: defaults must not be filled into what we check. */
export const responseAjv = new Ajv({ strict: false, allErrors: true });
addFormats.default(responseAjv);
responseAjv.addFormat('misskey:id', /^[a-zA-Z0-9]+$/);

export function compileParams(schema: TSchema): ValidateFunction {
  return ajv.compile(schema);
}

/** Runs a compiled validator, turning the first failure into Misskey's INVALID_PARAM with `info`. */
export function assertValid(validate: ValidateFunction, value: unknown): void {
  if (validate(value)) return;
  const [first] = validate.errors ?? [];
  throw new ApiError(apiErrors.invalidParam, {
    param: first?.schemaPath ?? '#',
    reason: first ? `${first.instancePath || 'params'} ${first.message}`.trim() : 'invalid',
  });
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

function declaredTypes(schema: TSchema | undefined): JsonType[] {
  if (!schema) return [];
  if (typeof schema.type === 'string') return [schema.type as JsonType];
  if (Array.isArray(schema.type)) return schema.type as JsonType[];
  const variants = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  if (variants) return variants.flatMap((variant) => declaredTypes(variant));
  if (schema.const !== undefined) return [typeof schema.const as JsonType];
  return [];
}

/**
 * GET query values are strings; turn each into the type its schema declares (as Misskey does for GET
 * and multipart), or fail with INVALID_PARAM (cast).
 */
export function castQueryParams(schema: TSchema, query: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const params: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    const types = declaredTypes(properties[key]);
    if (typeof value !== 'string' || types.length === 0 || types.includes('string')) {
      params[key] = value;
      continue;
    }
    params[key] = castString(key, value, types);
  }
  return params;
}

function castString(key: string, value: string, types: JsonType[]): unknown {
  const fail = () => { throw new ApiError(apiErrors.invalidParamCast, { param: key, reason: `cannot cast "${value}" to ${types.join(' | ')}` }); };
  if (types.includes('null') && value === 'null') return null;
  if (types.includes('boolean')) {
    if (value === 'true') return true;
    if (value === 'false') return false;
  }
  if (types.includes('number') || types.includes('integer')) {
    const number = Number(value);
    if (value.trim() !== '' && Number.isFinite(number)) return number;
  }
  if (types.includes('object') || types.includes('array')) {
    try {
      return JSON.parse(value);
    } catch { /* falls through to the cast error */ }
  }
  return fail();
}
