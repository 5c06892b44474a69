import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../src/api/registry.js';
import { apiErrors } from '../src/api/errors.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

const get = (path: string, headers: Record<string, string> = {}) => server.fetch(path, { method: 'GET', headers });

/** Every URL the page loads or links to, from src= and href= attributes. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((match) => match[1]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.json': 'application/json',
};

describe('/api.json', () => {
  it('is a valid OpenAPI 3.1 document, served with CORS', async () => {
    const res = await get('/api.json', { origin: 'https://elsewhere.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: `${server.url}/api` }]);
    const result = await new Validator().validate(res.body);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('documents every endpoint with its params schema as the request body', async () => {
    const { body: doc } = await get('/api.json');
    const endpoints = await loadEndpoints();
    expect(endpoints.length).toBeGreaterThan(0);
    expect(Object.keys(doc.paths).sort()).toEqual(endpoints.map((endpoint) => `/${endpoint.name}`).sort());
    for (const endpoint of endpoints) {
      const item = doc.paths[`/${endpoint.name}`];
      expect(item.post.operationId, endpoint.name).toBe(endpoint.name);
      expect(item.post.requestBody.content['application/json'].schema, endpoint.name)
        .toEqual(JSON.parse(JSON.stringify(endpoint.meta.params)));
      expect(Boolean(item.get), `${endpoint.name} GET`).toBe(Boolean(endpoint.meta.allowGet));
      expect(item.post.responses[endpoint.meta.res ? 200 : 204], endpoint.name).toBeDefined();
    }
  });

  it('describes shared entities once under components/schemas and references them with $ref', async () => {
    const res = await server.fetch('/api.json', { method: 'GET' });
    const { schemas } = res.body.components;
    for (const name of ['Note', 'UserLite', 'UserDetailed', 'DriveFile', 'Notification']) expect(schemas[name], name).toBeDefined();
    const jsonOf = (path: string) => res.body.paths[path].post.responses['200'].content['application/json'].schema;
    expect(jsonOf('/notes/show')).toEqual({ $ref: '#/components/schemas/Note' });
    expect(jsonOf('/notes/timeline').items).toEqual({ $ref: '#/components/schemas/Note' });
    expect(schemas.Note.properties.user).toEqual({ $ref: '#/components/schemas/UserLite' });
    // Every reference resolves.
    for (const [, name] of res.text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(schemas[name!], name).toBeDefined();
    // Inlined, the document was 3.1 MB (~20 kB an endpoint); with schema references ~4.9 kB, and with
    // shared error responses and examples ~2.5 kB. Bounded per endpoint, so that adding endpoints does
    // not trip it but inlining entities or errors again does.
    expect(res.text.length / Object.keys(res.body.paths).length).toBeLessThan(3_500);
    // So do the shared error responses and examples.
    const { responses, examples } = res.body.components;
    for (const [, kind, name] of res.text.matchAll(/"#\/components\/(responses|examples)\/([^"]+)"/g)) {
      expect((kind === 'responses' ? responses : examples)[name!], name).toBeDefined();
    }
    // The generic authentication error, possible on every operation, is written once (its id twice: description and value).
    expect(res.text.split(apiErrors.authenticationFailed.id)).toHaveLength(3);
  });

  it('serves the same document on every request, gzipped when the client accepts it', async () => {
    const [plain, again, gzipped] = await Promise.all([
      get('/api.json', { 'accept-encoding': 'identity' }),
      get('/api.json', { 'accept-encoding': 'identity' }),
      get('/api.json', { 'accept-encoding': 'gzip' }),
    ]);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(again.text).toBe(plain.text);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.text).toBe(plain.text);
  });
});

describe('/api-doc', () => {
  it('is an HTML page that loads only same-origin assets, under a strict CSP', async () => {
    const res = await get('/api-doc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).not.toMatch(/https?:\/\//);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(res.text).not.toMatch(/\son[a-z]+\s*=/i); // no inline handlers

    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    const urls = referencedUrls(res.text);
    expect(urls.some((url) => /api-doc\.[0-9a-f]+\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /api-doc\.[0-9a-f]+\.css$/.test(url))).toBe(true);
    // Small enough to show at once; Swagger UI's bundle was 1.4 MB.
    expect(csp).not.toContain('unsafe-inline');
    for (const url of urls) {
      // Root-relative only: not protocol-relative, not absolute, so nothing can leave this origin.
      expect(url, url).toMatch(/^\/(?!\/)/);
      const asset = await get(url, { 'accept-encoding': 'gzip' });
      expect(asset.status, url).toBe(200);
      const extension = url.slice(url.lastIndexOf('.'));
      expect(asset.headers.get('content-type'), url).toContain(CONTENT_TYPES[extension]);
      if (url.startsWith('/api-doc/assets/')) {
        expect(asset.headers.get('cache-control'), url).toContain('immutable');
        expect(asset.text.length, url).toBeLessThan(30_000);
      }
    }
  });

  it('answers 404 for files it does not serve', async () => {
    expect((await get('/api-doc/assets/swagger-ui-bundle.js')).status).toBe(404);
    expect((await get('/api-doc/assets/index.html')).status).toBe(404);
    expect((await get('/api-doc/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
