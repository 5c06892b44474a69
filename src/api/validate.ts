import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { ApiError, apiErrors } from './errors.js';
import { SHARED_SCHEMAS, withReferences } from './shared-schemas.js';

/** One Ajv for all endpoint schemas; `useDefaults` fills declared defaults into params as Misskey does. */
export const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: false });
addFormats.default(ajv);
ajv.addFormat('misskey:id', /^[a-zA-Z0-9]+$/);

/** A separate instance for responses: defaults must not be filled into what we check. */
export const responseAjv = new Ajv({ strict: false, allErrors: true });
addFormats.default(responseAjv);
responseAjv.addFormat('misskey:id', /^[a-zA-Z0-9]+$/);

/**
 * The shared entities (Note, UserLite, Notification, …) as one document that response schemas
 * reference: Ajv compiles each entity once instead of once per place it is embedded (inlined,
 * `i/notifications` was 570 KB of schema and took seconds to compile, timing out tests under load).
 */
const SHARED_URI = 'mikan:shared-entities';
const SHARED_BASE = `${SHARED_URI}#/components/schemas/`;
responseAjv.addSchema({
  $id: SHARED_URI,
  components: { schemas: Object.fromEntries(Object.entries(SHARED_SCHEMAS).map(([name, schema]) => [name, withReferences(schema, schema, SHARED_BASE)])) },
});

/** The check of an endpoint's responses (tests only). */
export function compileResponse(schema: TSchema): ValidateFunction {
  return responseAjv.compile(withReferences(schema, null, SHARED_BASE));
}

export function compileParams(schema: TSchema): ValidateFunction {
  return ajv.compile(schema);
}

/** The largest time a JavaScript Date holds (year 275760; PostgreSQL's timestamps go further): the `maximum` of a date param. */
export const MAX_DATE_MS = 8_640_000_000_000_000;
/** The `maximum` of a duration param added to the current time: the sum stays a valid date for millennia. */
export const MAX_DURATION_MS = 8_500_000_000_000_000;

/** Nesting deeper than this is refused before validation walks it (no Misskey schema nests past a few levels). */
export const MAX_PARAM_DEPTH = 32;

// A UTF-16 surrogate without its partner: not a character, and PostgreSQL refuses it in text and jsonb.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuseValue(path: string, reason: string): never {
  throw new ApiError(apiErrors.invalidParam, { param: path || '#', reason: `${path || 'params'} ${reason}`, path: path.replace(/^\//, '').replaceAll('/', '.') });
}

/**
 * What no endpoint can store or compute with, whatever its schema says, refused for every param
 * of every endpoint (keys included): NUL characters and lone surrogates (PostgreSQL rejects both
 * in text and jsonb), numbers beyond 2^53 or not finite (`1e308` as an offset or a date), and
 * absurd nesting. Checked here, once, so that no endpoint has to remember it.
 */
export function assertStorableValues(value: unknown, path = '', depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) refuseValue(path, 'must not contain NUL characters');
    if (LONE_SURROGATE.test(value)) refuseValue(path, 'must be well-formed Unicode (a lone surrogate was found)');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) refuseValue(path, 'is out of range');
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_PARAM_DEPTH) refuseValue(path, `must not nest deeper than ${MAX_PARAM_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorableValues(item, `${path}/${index}`, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    assertStorableValues(key, `${path}/${key.replace(/\u0000/g, '')}`, depth + 1);
    assertStorableValues(item, `${path}/${key}`, depth + 1);
  }
}

const branchValidators = new WeakMap<TSchema, ValidateFunction>();
function branchValidator(schema: TSchema): ValidateFunction {
  let validate = branchValidators.get(schema);
  if (!validate) branchValidators.set(schema, validate = ajv.compile(schema));
  return validate;
}

/**
 * Leaves in `value` only what its schema declares: undeclared object keys are removed, and for a
 * union only the fields of the first variant that accepts the value survive. So a handler sees
 * exactly the shape its types promise: `{userId, userIds: "x"}` reaches `users/show` as `{userId}`,
 * never with a `userIds` that some `'userIds' in params` test would take for an array.
 * Free-form objects (no `properties`, or `additionalProperties`/`patternProperties` declared) are kept whole.
 */
export function pruneToSchema(schema: TSchema, value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const variants = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  if (variants) {
    const match = variants.find((variant) => branchValidator(variant)(value));
    if (match) pruneToSchema(match, value);
    return;
  }
  if (Array.isArray(value)) {
    const items = schema.items as TSchema | TSchema[] | undefined;
    if (items && !Array.isArray(items)) for (const item of value) pruneToSchema(items, item);
    return;
  }
  const properties = schema.properties as Record<string, TSchema> | undefined;
  if (!properties) return;
  const record = value as Record<string, unknown>;
  const freeForm = (schema.additionalProperties !== undefined && schema.additionalProperties !== false) || schema.patternProperties !== undefined;
  for (const key of Object.keys(record)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property) pruneToSchema(property, record[key]);
    else if (!freeForm) delete record[key];
  }
}

/**
 * The params check of every call: storable values (above), then the schema, the first failure as
 * Misskey's INVALID_PARAM with `info`; then the value is pruned to what the schema declares.
 */
export function assertValid(validate: ValidateFunction, value: unknown): void {
  assertStorableValues(value);
  if (!validate(value)) {
    const [first] = validate.errors ?? [];
    throw new ApiError(apiErrors.invalidParam, {
      // Misskey's two fields, as Misskey fills them (its clients read them).
      param: first?.schemaPath ?? '#',
      reason: first ? `${first.instancePath || 'params'} ${first.message}`.trim() : 'invalid',
      // Mikan's addition: the parameter itself, so a form can point at its field.
      path: first ? parameterPath(first) : '',
    });
  }
  pruneToSchema(validate.schema as TSchema, value);
}

/**
 * The failing parameter as a dotted path (`poll.choices.0`; `''` for the body as a whole). Misskey's
 * `param` is the schema path (`#/properties/poll/…`), which names no parameter for a missing one
 * (`#/required`) and differs from the value's path inside arrays and unions.
 */
export function parameterPath(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') segments.push(missing);
  return segments.join('.');
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
  const fail = () => { throw new ApiError(apiErrors.invalidParamCast, { param: key, reason: `cannot cast "${value}" to ${types.join(' | ')}`, path: key }); };
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
