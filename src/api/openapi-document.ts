import { STATUS_CODES } from 'node:http';
import type { TSchema } from '@sinclair/typebox';
import { requiresCredential, type NamedEndpoint } from './define.js';
import { ApiError, apiErrors, type ApiErrorDefinition } from './errors.js';
import type { RateLimit } from './rate-limit.js';
import { SHARED_SCHEMAS, withReferences } from './shared-schemas.js';

/** Plain JSON: what `/api.json` serializes. Loose on purpose; the OpenAPI validator in the tests is the real check. */
type Json = Record<string, unknown>;

export interface OpenApiDocumentOptions {
  /** Public origin, without `/api`. */
  url: string;
  /** Mikan's version, shown as the document's version. */
  version: string;
}

const INFO_DESCRIPTION = [
  'The Misskey API as served by Mikan: every endpoint is `POST /api/<name>` with a JSON object body and a JSON answer.',
  '',
  '**Authentication.** Send the access token either in the body field `i` or as `Authorization: Bearer <token>`',
  '(the field `i` is accepted by every endpoint and is not repeated in each schema). Endpoints that do not require a',
  'credential still accept one and then answer as that user.',
  '',
  '**Errors** are `{"error": {"message", "code", "id", "kind", "info"?}}`; `code` and `id` are Misskey\'s and stable,',
  'so clients should branch on them, never on `message`.',
].join('\n');

const STATUS_TEXT: Record<number, string> = {
  400: 'Client error',
  401: 'Authentication error',
  403: 'Forbidden',
  404: 'Not found',
  418: "I'm Ai",
  429: 'Too many requests',
  500: 'Internal server error',
};

const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'id', 'kind'],
      properties: {
        message: { type: 'string', description: 'Human-readable; may change between versions.' },
        code: { type: 'string', description: 'Stable machine-readable code, e.g. `NO_SUCH_NOTE`.' },
        id: { type: 'string', format: 'uuid', description: 'Stable id of this exact error.' },
        kind: { type: 'string', enum: ['client', 'server', 'permission'] },
        info: { description: 'Details, when the error has any (e.g. which param was invalid).' },
      },
    },
  },
};

const COMPONENTS = '#/components/schemas/';

let sharedComponents: Json | null = null;
function sharedSchemaComponents(): Json {
  return sharedComponents ??= Object.fromEntries(Object.entries(SHARED_SCHEMAS).map(([name, schema]) => [name, withReferences(schema, schema, COMPONENTS)]));
}

// Definitions are module-level constants, so results are cached per object: a document repeats the
// same generic errors and, for GET twins, the same schemas. Cached values are shared; never mutate them.
const plainSchemas = new WeakMap<TSchema, Json>();
const errorExamples = new WeakMap<ApiErrorDefinition, { status: number; example: Json }>();

/** TypeBox marks optionality and kinds with Symbol keys; a JSON round trip leaves only the JSON Schema. */
export function toPlainJson(schema: TSchema): Json {
  let plain = plainSchemas.get(schema);
  if (!plain) plainSchemas.set(schema, plain = withReferences(schema, null, COMPONENTS));
  return plain;
}

function errorExample(definition: ApiErrorDefinition): { status: number; example: Json } {
  let cached = errorExamples.get(definition);
  if (!cached) {
    // ApiError decides the status from kind/httpStatusCode; reusing it keeps the docs and the wire in step.
    const error = new ApiError(definition);
    cached = {
      status: error.httpStatusCode,
      example: { summary: `${error.code}: ${error.message}`, description: `id \`${error.id}\``, value: error.toBody() },
    };
    errorExamples.set(definition, cached);
  }
  return cached;
}

const UNITS: [ms: number, name: string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];

/** 3600000 → "1 hour", 90000 → "90 seconds", 1500 → "1500 ms": the largest unit that divides evenly. */
export function durationInWords(ms: number): string {
  for (const [size, name] of UNITS) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

export function rateLimitInWords(limit: RateLimit): string {
  const rules: string[] = [];
  if (limit.duration != null && limit.max != null && limit.duration > 0) {
    rules.push(`at most ${limit.max} call${limit.max === 1 ? '' : 's'} per ${durationInWords(limit.duration)}`);
  }
  if (limit.minInterval != null && limit.minInterval > 0) rules.push(`at least ${durationInWords(limit.minInterval)} between calls`);
  if (rules.length === 0) return 'none';
  const shared = limit.key ? `, shared with every endpoint limited under the key \`${limit.key}\`` : '';
  return `${rules.join(' and ')}, per user (per IP address when anonymous)${shared}`;
}

type Meta = NamedEndpoint['meta'];

function accessDescription(meta: Meta): string {
  const lines: string[] = [];
  lines.push(requiresCredential(meta)
    ? '- **Credential:** required.'
    : '- **Credential:** optional; anonymous calls are allowed.');
  if (meta.kind) lines.push(`- **Permission:** \`${meta.kind}\` (an app token must carry it; the native token always may).`);
  if (meta.secure) lines.push('- **Secure:** only the user\'s own native token; app tokens are refused.');
  if (meta.requireAdmin) lines.push('- **Role:** administrators only.');
  else if (meta.requireModerator) lines.push('- **Role:** moderators and administrators only.');
  if (meta.requireRolePolicy) lines.push(`- **Role policy:** the caller's roles must grant \`${meta.requireRolePolicy}\`.`);
  lines.push(`- **Rate limit:** ${meta.limit ? rateLimitInWords(meta.limit) : 'none'}.`);
  if (meta.allowGet) {
    const cache = meta.cacheSec ? ` Anonymous GET answers may be cached publicly for ${durationInWords(meta.cacheSec * 1000)}.` : '';
    lines.push(`- **GET:** also answers GET, with the parameters in the query string (objects and arrays as JSON).${cache}`);
  }
  return lines.join('\n');
}

/** The errors a call can end with, in the order the dispatcher checks (see call.ts), then the endpoint's own. */
function possibleErrors(meta: Meta, method: 'get' | 'post'): [name: string, definition: ApiErrorDefinition][] {
  const errors: [string, ApiErrorDefinition][] = [];
  // Any call that carries a token can fail authentication, whether or not the endpoint needs one.
  errors.push(['authenticationFailed', apiErrors.authenticationFailed]);
  if (meta.secure) errors.push(['accessDeniedSecureEndpoint', apiErrors.accessDeniedSecureEndpoint]);
  if (meta.limit) errors.push(['rateLimitExceeded', apiErrors.rateLimitExceeded]);
  if (requiresCredential(meta)) {
    errors.push(['credentialRequired', apiErrors.credentialRequired]);
    errors.push(['yourAccountSuspended', apiErrors.yourAccountSuspended]);
  }
  if (meta.kind) errors.push(['permissionDenied', apiErrors.permissionDenied]);
  if (meta.requireModerator) errors.push(['roleModeratorRequired', apiErrors.roleModeratorRequired]);
  if (meta.requireAdmin) errors.push(['roleAdminRequired', apiErrors.roleAdminRequired]);
  if (meta.requireRolePolicy) errors.push(['rolePolicyRequired', apiErrors.rolePolicyRequired]);
  if (method === 'get') errors.push(['invalidParamCast', apiErrors.invalidParamCast]);
  errors.push(['invalidParam', apiErrors.invalidParam]);
  errors.push(...Object.entries(meta.errors ?? {}));
  errors.push(['internalError', apiErrors.internalError]);
  return errors;
}

/**
 * Each error's example is written once under `components/examples` and referenced: the generic
 * errors (authentication, rate limit, internal error …) are possible on hundreds of operations, and
 * inlined they made up more than half of the document.
 */
class ExampleRegistry {
  readonly examples: Json = {};
  private readonly keys = new Map<ApiErrorDefinition, string>();

  reference(name: string, definition: ApiErrorDefinition): Json {
    let key = this.keys.get(definition);
    if (!key) {
      // Endpoints reuse names (`noSuchNote`) for errors with different ids: the first keeps the name.
      key = name;
      for (let n = 2; key in this.examples; n++) key = `${name}${n}`;
      this.keys.set(definition, key);
      this.examples[key] = errorExample(definition).example;
    }
    return { $ref: `#/components/examples/${key}` };
  }
}

function errorResponses(meta: Meta, method: 'get' | 'post', registry: ExampleRegistry): Json {
  const byStatus = new Map<number, Json>();
  for (const [name, definition] of possibleErrors(meta, method)) {
    const { status } = errorExample(definition);
    const examples = byStatus.get(status) ?? {};
    let key = name;
    for (let n = 2; key in examples; n++) key = `${name}${n}`;
    examples[key] = registry.reference(name, definition);
    byStatus.set(status, examples);
  }
  const responses: Json = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? STATUS_CODES[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: byStatus.get(status) } },
    };
  }
  return responses;
}

function successResponse(meta: Meta): Json {
  if (!meta.res) return { 204: { description: 'No Content' } };
  const schema = toPlainJson(meta.res);
  const ok = { 200: { description: 'OK', content: { 'application/json': { schema } } } };
  // The dispatcher answers a null result with 204, as Misskey does.
  return declaredTypes(schema).includes('null') ? { ...ok, 204: { description: 'No Content: the result is null.' } } : ok;
}

function declaredTypes(schema: Json): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return variants.flatMap(declaredTypes);
  return schema.const === undefined ? [] : [typeof schema.const];
}

/** Mirrors castQueryParams: a value is parsed as JSON only when the param cannot be a string but can be an object or array. */
function travelsAsJson(schema: Json): boolean {
  const types = declaredTypes(schema);
  return !types.includes('string') && (types.includes('object') || types.includes('array'));
}

/** GET takes each param as a query value; objects and arrays travel as JSON text (validate.ts casts them back). */
function queryParameters(params: Json): Json[] {
  const properties = (params.properties ?? {}) as Record<string, Json>;
  const required = new Set((params.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(travelsAsJson(schema) ? { content: { 'application/json': { schema } } } : { schema }),
  }));
}

function operation(endpoint: NamedEndpoint, method: 'get' | 'post', registry: ExampleRegistry): Json {
  const { name, meta } = endpoint;
  const credential = requiresCredential(meta);
  const params = toPlainJson(meta.params);
  const description = [meta.description, accessDescription(meta)].filter(Boolean).join('\n\n');
  return {
    // Endpoint names never contain ':', so the GET twin cannot collide with another endpoint's id.
    operationId: method === 'post' ? name : `get:${name}`,
    tags: meta.tags?.length ? meta.tags : [name.split('/')[0]],
    ...(meta.summary ? { summary: meta.summary } : {}),
    description,
    'x-mikan-kind': meta.kind ?? null,
    'x-mikan-secure': Boolean(meta.secure),
    'x-mikan-require-credential': credential,
    'x-mikan-limit': meta.limit ?? null,
    security: credential ? [{ bearerAuth: [] }] : [{ bearerAuth: [] }, {}],
    ...(method === 'post'
      ? {
        requestBody: {
          // An empty body means `{}`, so a body is only needed when some param is.
          required: Array.isArray(params.required) && params.required.length > 0,
          content: { 'application/json': { schema: params } },
        },
      }
      : { parameters: queryParameters(params) }),
    responses: { ...successResponse(meta), ...errorResponses(meta, method, registry) },
  };
}

/**
 * An error response that several operations share word for word (most do: the same generic errors
 * at the same status) moves to `components/responses`, named after its status and errors, and the
 * operations reference it. Unique ones stay inline.
 */
function shareErrorResponses(paths: Json): Json {
  const operations = Object.values(paths).flatMap((item) => Object.values(item as Json)) as { responses: Json }[];
  const uses = new Map<string, number>();
  for (const { responses } of operations) {
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) >= 400) uses.set(JSON.stringify(response), (uses.get(JSON.stringify(response)) ?? 0) + 1);
    }
  }
  const shared: Json = {};
  const names = new Map<string, string>();
  for (const { responses } of operations) {
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) < 400) continue;
      const text = JSON.stringify(response);
      if ((uses.get(text) ?? 0) < 2) continue;
      let name = names.get(text);
      if (!name) {
        const errors = Object.keys(((response as Json).content as { 'application/json': { examples: Json } })['application/json'].examples);
        const base = `${status}-${errors.join('-')}`;
        name = base;
        for (let n = 2; name in shared; n++) name = `${base}-${n}`;
        names.set(text, name);
        shared[name] = response;
      }
      responses[status] = { $ref: `#/components/responses/${name}` };
    }
  }
  return shared;
}

/** The OpenAPI 3.1 document for these endpoints: the same definitions that validate requests, so the docs cannot drift. */
export function buildOpenApiDocument(endpoints: readonly NamedEndpoint[], options: OpenApiDocumentOptions): Json {
  const paths: Json = {};
  const tags = new Set<string>();
  const registry = new ExampleRegistry();
  for (const endpoint of [...endpoints].sort((a, b) => a.name.localeCompare(b.name))) {
    const post = operation(endpoint, 'post', registry);
    (post.tags as string[]).forEach((tag) => tags.add(tag));
    paths[`/${endpoint.name}`] = endpoint.meta.allowGet ? { get: operation(endpoint, 'get', registry), post } : { post };
  }
  const responses = shareErrorResponses(paths);
  return {
    openapi: '3.1.0',
    info: { title: 'Mikan API', version: options.version, description: INFO_DESCRIPTION },
    servers: [{ url: `${options.url}/api` }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An access token; the body field `i` works as well.' },
      },
      schemas: { Error: ERROR_SCHEMA, ...sharedSchemaComponents() },
      examples: registry.examples,
      responses,
    },
  };
}
