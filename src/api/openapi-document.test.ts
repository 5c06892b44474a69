import { Validator } from '@seriousme/openapi-schema-validator';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineEndpoint, type Endpoint, type NamedEndpoint } from './define.js';
import { apiErrors } from './errors.js';
import { buildOpenApiDocument, durationInWords, rateLimitInWords } from './openapi-document.js';

// As registry.ts names a loaded file: the precise generic types of each definition do not matter here.
const named = (name: string, endpoint: Endpoint<any, any, any>): NamedEndpoint => ({ name, ...endpoint }) as NamedEndpoint;

const endpoints: NamedEndpoint[] = [
  named('notes/create', defineEndpoint({
    summary: 'Posts a note.',
    description: 'Text, files or a poll.',
    requireCredential: true,
    kind: 'write:notes',
    limit: { duration: 3_600_000, max: 300 },
    errors: {
      noSuchRenoteTarget: { message: 'No such renote target.', code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4' },
      youHaveBeenBlocked: { message: 'You have been blocked.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'b390d7e1-8a5e-46ed-b625-06271cafd3d3', kind: 'permission' },
    },
    params: Type.Object({ text: Type.String({ maxLength: 3000 }), cw: Type.Optional(Type.String()) }),
    res: Type.Object({ createdNote: Type.Object({ id: Type.String() }) }),
  }, async () => ({ createdNote: { id: 'x' } }))),
  named('users/show', defineEndpoint({
    allowGet: true,
    cacheSec: 60,
    params: Type.Object({
      userId: Type.String({ format: 'misskey:id', description: 'The user.' }),
      detail: Type.Optional(Type.Boolean()),
      userIds: Type.Optional(Type.Array(Type.String())),
      host: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
    res: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
  }, async () => null)),
  named('i/regenerate-token', defineEndpoint({
    tags: ['account'],
    secure: true,
    requireAdmin: true,
    limit: { minInterval: 1000, key: 'token' },
    params: Type.Object({ password: Type.String() }),
  }, async () => undefined)),
];

const raw = buildOpenApiDocument(endpoints, { url: 'https://mikan.example', version: '1.2.3' }) as any;

/** The document with its shared responses and examples written out again, as a reader sees them. */
function inlineShared(value: any): any {
  if (Array.isArray(value)) return value.map(inlineShared);
  if (!value || typeof value !== 'object') return value;
  const ref = typeof value.$ref === 'string' ? /^#\/components\/(responses|examples)\/(.+)$/.exec(value.$ref) : null;
  if (ref) {
    const target = raw.components[ref[1]][ref[2]];
    expect(target, value.$ref).toBeDefined();
    return inlineShared(target);
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, inlineShared(child)]));
}
const doc = { ...inlineShared(raw), components: raw.components };

const exampleCodes = (operation: any, status: number): string[] =>
  Object.values(operation.responses[status]?.content['application/json'].examples ?? {}).map((example: any) => example.value.error.code);

describe('buildOpenApiDocument', () => {
  it('writes each error example once and shares identical error responses', () => {
    const post = raw.paths['/notes/create'].post;
    // The generic 500 is the same on every operation: one shared response, one example.
    expect(post.responses[500]).toEqual({ $ref: '#/components/responses/500-internalError' });
    expect(raw.paths['/users/show'].get.responses[500]).toEqual(post.responses[500]);
    expect(raw.components.responses['500-internalError'].content['application/json'].examples.internalError)
      .toEqual({ $ref: '#/components/examples/internalError' });
    expect(raw.components.examples.internalError.value.error.code).toBe('INTERNAL_ERROR');
    // An endpoint's own error response is used once and stays inline, its example still referenced.
    expect(post.responses[400].content['application/json'].examples.noSuchRenoteTarget).toEqual({ $ref: '#/components/examples/noSuchRenoteTarget' });
    const text = JSON.stringify(raw.paths);
    expect(text.match(/"summary":"INTERNAL_ERROR/g)).toBeNull();
  });

  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(raw);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('describes the API as a whole', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Mikan API', version: '1.2.3' });
    expect(doc.info.description).toContain('`i`');
    expect(doc.info.description).toContain('Authorization: Bearer');
    expect(doc.servers).toEqual([{ url: 'https://mikan.example/api' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['message', 'code', 'id', 'kind']);
    expect(Object.keys(doc.paths).sort()).toEqual(['/i/regenerate-token', '/notes/create', '/users/show']);
    expect(doc.tags.map((tag: any) => tag.name)).toEqual(['account', 'notes', 'users']);
  });

  it('documents a credential-only, permission-scoped, rate-limited endpoint with its declared errors', () => {
    const post = doc.paths['/notes/create'].post;
    expect(doc.paths['/notes/create'].get).toBeUndefined();
    expect(post).toMatchObject({
      operationId: 'notes/create',
      tags: ['notes'],
      summary: 'Posts a note.',
      'x-mikan-kind': 'write:notes',
      'x-mikan-secure': false,
      'x-mikan-require-credential': true,
      'x-mikan-limit': { duration: 3_600_000, max: 300 },
      security: [{ bearerAuth: [] }],
    });
    expect(post.description).toContain('Text, files or a poll.');
    expect(post.description).toContain('Credential:** required');
    expect(post.description).toContain('`write:notes`');
    expect(post.description).toContain('at most 300 calls per 1 hour');

    // Plain JSON Schema: TypeBox's Symbol markers are gone, `required` comes from Optional().
    const schema = post.requestBody.content['application/json'].schema;
    expect(Object.getOwnPropertySymbols(schema)).toEqual([]);
    expect(schema).toEqual({ type: 'object', properties: { text: { type: 'string', maxLength: 3000 }, cw: { type: 'string' } }, required: ['text'] });
    expect(post.requestBody.required).toBe(true);

    expect(post.responses[200].content['application/json'].schema.properties.createdNote.type).toBe('object');
    expect(post.responses[204]).toBeUndefined();
    expect(exampleCodes(post, 400)).toEqual(['INVALID_PARAM', 'NO_SUCH_RENOTE_TARGET']);
    expect(exampleCodes(post, 401)).toEqual(['AUTHENTICATION_FAILED', 'CREDENTIAL_REQUIRED']);
    expect(exampleCodes(post, 403)).toEqual(['YOUR_ACCOUNT_SUSPENDED', 'PERMISSION_DENIED', 'YOU_HAVE_BEEN_BLOCKED']);
    expect(exampleCodes(post, 429)).toEqual(['RATE_LIMIT_EXCEEDED']);
    expect(exampleCodes(post, 500)).toEqual(['INTERNAL_ERROR']);
    expect(post.responses[403].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(post.responses[400].content['application/json'].examples.noSuchRenoteTarget.value).toEqual({
      error: { message: 'No such renote target.', code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4', kind: 'client' },
    });
  });

  it('documents an anonymous endpoint that also answers GET', () => {
    const { get, post } = doc.paths['/users/show'];
    expect(post.security).toEqual([{ bearerAuth: [] }, {}]);
    expect(post['x-mikan-require-credential']).toBe(false);
    expect(post['x-mikan-kind']).toBeNull();
    expect(post['x-mikan-limit']).toBeNull();
    expect(post.description).toContain('Credential:** optional');
    expect(post.description).toContain('also answers GET');
    expect(post.description).toContain('1 minute');
    expect(exampleCodes(post, 401)).toEqual(['AUTHENTICATION_FAILED']);
    expect(post.responses[429]).toBeUndefined();
    expect(post.responses[403]).toBeUndefined();
    // A nullable result: 200 with the body, or 204 when the handler returns null.
    expect(post.responses[200].content['application/json'].schema.anyOf).toHaveLength(2);
    expect(post.responses[204].description).toContain('null');

    expect(get.operationId).toBe('get:users/show');
    expect(get.requestBody).toBeUndefined();
    expect(get.parameters).toEqual([
      { name: 'userId', in: 'query', required: true, description: 'The user.', schema: { type: 'string', format: 'misskey:id', description: 'The user.' } },
      { name: 'detail', in: 'query', required: false, schema: { type: 'boolean' } },
      // Arrays and objects travel as JSON text in the query, as the dispatcher casts them.
      { name: 'userIds', in: 'query', required: false, content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
      { name: 'host', in: 'query', required: false, schema: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
    ]);
    expect(exampleCodes(get, 400)).toEqual(['INVALID_PARAM', 'INVALID_PARAM']);
    expect(Object.keys(get.responses[400].content['application/json'].examples)).toEqual(['invalidParamCast', 'invalidParam']);
  });

  it('documents a secure, admin-only endpoint without a response body as 204', () => {
    const post = doc.paths['/i/regenerate-token'].post;
    expect(post.tags).toEqual(['account']);
    expect(post.summary).toBeUndefined();
    expect(post['x-mikan-secure']).toBe(true);
    // secure and admin imply a credential even though requireCredential is not set.
    expect(post['x-mikan-require-credential']).toBe(true);
    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect(post.responses[204]).toEqual({ description: 'No Content' });
    expect(post.responses[200]).toBeUndefined();
    expect(post.description).toContain('native token');
    expect(post.description).toContain('administrators only');
    expect(post.description).toContain('at least 1 second between calls');
    expect(post.description).toContain('`token`');
    const forbidden = post.responses[403].content['application/json'].examples;
    expect(forbidden.accessDeniedSecureEndpoint.value.error.id).toBe(apiErrors.accessDeniedSecureEndpoint.id);
    expect(forbidden.roleAdminRequired.value.error.id).toBe(apiErrors.roleAdminRequired.id);
    expect(post.responses[403].description).toBe('Forbidden');
  });
});

describe('rate limits in words', () => {
  it('picks the largest whole unit', () => {
    expect(durationInWords(86_400_000)).toBe('1 day');
    expect(durationInWords(7_200_000)).toBe('2 hours');
    expect(durationInWords(90_000)).toBe('90 seconds');
    expect(durationInWords(1500)).toBe('1500 ms');
  });

  it('combines both rules', () => {
    expect(rateLimitInWords({ duration: 60_000, max: 1, minInterval: 500 }))
      .toBe('at most 1 call per 1 minute and at least 500 ms between calls, per user (per IP address when anonymous)');
  });
});
