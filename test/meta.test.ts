import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { api } from 'misskey-js';
import { responseAjv } from '../src/api/validate.js';
import { MetaDetailedSchema, MetaLiteSchema } from '../src/core/meta/schema.js';
import { startTestServer, type TestServer } from './harness.js';

// The endpoint declares MetaLite | MetaDetailed, which a detailed answer missing a detailed-only field
// would still pass as MetaLite; these check each answer against the exact variant.
const isMetaDetailed = responseAjv.compile(MetaDetailedSchema);
const isMetaLite = responseAjv.compile(MetaLiteSchema);

const DETAILED_ONLY = ['features', 'proxyAccountName', 'requireSetup', 'cacheRemoteFiles', 'cacheRemoteSensitiveFiles'];

describe('meta', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('answers the detailed entity by default', async () => {
    const res = await server.client().request('meta', {});
    expect(isMetaDetailed(res), responseAjv.errorsText(isMetaDetailed.errors)).toBe(true);
    for (const key of DETAILED_ONLY) expect(res).toHaveProperty(key);
    expect(res.uri).toBe(server.url);
    expect(res.version).toMatch(/^\d{4}\.\d+\.\d+-mikan\.\d+\.\d+\.\d+/);
    expect(res.federation).toBe('all');
    expect(res.mediaProxy).toBe(`${server.url}/proxy`);
    expect(res.policies.ltlAvailable).toBe(true);
    expect(res.maxFileSize).toBe(res.policies.maxFileSizeMb * 1024 * 1024);
    expect(res.maxNoteTextLength).toBe(3000);
    expect(res.ads).toEqual([]);
    expect(res.enableHcaptcha).toBe(false);
    expect('features' in res && res.features?.miauth).toBe(true);
  });

  it('leaves the detailed-only fields out with detail: false', async () => {
    const res = await server.client().request('meta', { detail: false });
    expect(isMetaLite(res), responseAjv.errorsText(isMetaLite.errors)).toBe(true);
    for (const key of DETAILED_ONLY) expect(res).not.toHaveProperty(key);
    expect(res.uri).toBe(server.url);
    expect(res.disableRegistration).toBe(false);
  });

  it('answers GET with query parameters, publicly cacheable when anonymous', async () => {
    const res = await server.fetch('/api/meta?detail=false', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.body.uri).toBe(server.url);
    expect(res.body).not.toHaveProperty('requireSetup');

    const detailed = await server.fetch('/api/meta', { method: 'GET' });
    expect(detailed.status).toBe(200);
    expect(detailed.body).toHaveProperty('requireSetup');
  });

  it('is not publicly cacheable over POST', async () => {
    const res = await server.fetch('/api/meta', { json: { detail: false } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  });

  it('rejects a detail that is not a boolean', async () => {
    const res = await server.fetch('/api/meta', { json: { detail: 'yes' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PARAM');
    await expect(server.client().request('meta', { detail: 'yes' as unknown as boolean }))
      .rejects.toMatchObject({ code: 'INVALID_PARAM' } satisfies Partial<api.APIError>);
  });

  it('reflects settings changes at once', async () => {
    await server.ctx.meta.update({ disableRegistration: true, name: 'Mikan test', maxNoteTextLength: 500 });
    try {
      const res = await server.client().request('meta', { detail: true });
      expect(res.disableRegistration).toBe(true);
      expect(res.name).toBe('Mikan test');
      expect(res.maxNoteTextLength).toBe(500);
      expect('features' in res && res.features?.registration).toBe(false);
    } finally {
      await server.ctx.meta.update({ disableRegistration: false, name: null, maxNoteTextLength: 3000 });
    }
    expect((await server.client().request('meta', { detail: false })).disableRegistration).toBe(false);
  });

  it('shows base role policy overrides', async () => {
    await server.ctx.meta.update({ policies: { ltlAvailable: false, maxFileSizeMb: 10 } });
    try {
      const res = await server.client().request('meta', {});
      expect(res.policies.ltlAvailable).toBe(false);
      expect(res.maxFileSize).toBe(10 * 1024 * 1024);
      expect('features' in res && res.features?.localTimeline).toBe(false);
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
  });
});

describe('meta requireSetup', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('is true until the first account exists, then false', async () => {
    // Asked twice: an answer of true must not be remembered.
    for (let i = 0; i < 2; i++) {
      const before = await server.client().request('meta', { detail: true });
      expect('requireSetup' in before && before.requireSetup).toBe(true);
    }

    const user = await server.createUser();
    const after = await server.client(user.token).request('meta', { detail: true });
    expect('requireSetup' in after && after.requireSetup).toBe(false);
    expect((await server.client().request('meta', {}) as { requireSetup: boolean }).requireSetup).toBe(false);
  });

  it('reads nothing from the database once setup is done', async () => {
    await server.client().request('meta', {});
    const select = vi.spyOn(server.ctx.db, 'select');
    const execute = vi.spyOn(server.ctx.db, 'execute');
    try {
      await server.client().request('meta', { detail: true });
      await server.client().request('meta', { detail: false });
      expect(select).not.toHaveBeenCalled();
      expect(execute).not.toHaveBeenCalled();
    } finally {
      select.mockRestore();
      execute.mockRestore();
    }
  });

  it('sends private caching to a signed-in GET', async () => {
    const user = await server.createUser();
    const res = await server.fetch('/api/meta', { method: 'GET', headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  });
});
