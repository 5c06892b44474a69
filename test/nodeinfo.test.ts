import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { MISSKEY_API_VERSION } from '../src/core/meta/pack.js';

const PROFILE = (version: string) => `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/${version}#"`;

describe('nodeinfo', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.ctx.meta.update({
      name: 'Mikan Node',
      description: 'a test node',
      maintainerName: 'Admin',
      maintainerEmail: 'admin@example.com',
      langs: ['ja', 'en'],
      tosUrl: 'https://example.com/tos',
      repositoryUrl: 'https://example.com/mikan',
      themeColor: '#ff8800',
    });
    await server.createUser();
    await server.createUser();
  });
  afterAll(async () => { await server?.close(); });

  it('links 2.1 and 2.0 from /.well-known/nodeinfo', async () => {
    const res = await server.fetch('/.well-known/nodeinfo', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toEqual({
      links: [
        { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: `${server.url}/nodeinfo/2.1` },
        { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${server.url}/nodeinfo/2.0` },
      ],
    });
  });

  it('serves 2.1 with its profile, CORS and public caching', async () => {
    const res = await server.fetch('/nodeinfo/2.1', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROFILE('2.1'));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');
    const doc = res.body;
    expect(doc.version).toBe('2.1');
    // Misskey clients decide by software.name whether a server speaks the Misskey API.
    expect(doc.software).toEqual({
      name: 'misskey',
      version: MISSKEY_API_VERSION,
      homepage: 'https://example.com/mikan',
      repository: 'https://example.com/mikan',
    });
    expect(doc.protocols).toEqual(['activitypub']);
    expect(doc.services).toEqual({ inbound: [], outbound: [] });
    expect(doc.openRegistrations).toBe(true);
    expect(doc.usage).toEqual({ users: { total: 2, activeHalfyear: 2, activeMonth: 2 }, localPosts: 0, localComments: 0 });
    expect(doc.metadata).toMatchObject({
      software: { name: 'mikan', version: expect.stringMatching(/^\d+\.\d+\.\d+/), misskeyApiVersion: MISSKEY_API_VERSION },
      nodeName: 'Mikan Node',
      nodeDescription: 'a test node',
      maintainer: { name: 'Admin', email: 'admin@example.com' },
      nodeAdmins: [{ name: 'Admin', email: 'admin@example.com' }],
      langs: ['ja', 'en'],
      tosUrl: 'https://example.com/tos',
      repositoryUrl: 'https://example.com/mikan',
      privacyPolicyUrl: null,
      disableRegistration: false,
      disableLocalTimeline: false,
      disableGlobalTimeline: false,
      emailRequiredForSignup: false,
      enableHcaptcha: false,
      maxNoteTextLength: 3000,
      enableEmail: false,
      proxyAccountName: null,
      themeColor: '#ff8800',
    });
  });

  it('serves 2.0 with name and version only in software', async () => {
    const res = await server.fetch('/nodeinfo/2.0', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROFILE('2.0'));
    expect(res.body.version).toBe('2.0');
    expect(Object.keys(res.body.software).sort()).toEqual(['name', 'version']);
    expect(res.body.usage.users.total).toBe(2);
  });

  it('reports the Misskey API version that meta reports before its fork suffix', async () => {
    const [doc, meta] = await Promise.all([
      server.fetch('/nodeinfo/2.1', { method: 'GET' }),
      server.client().request('meta', { detail: false }),
    ]);
    expect(meta.version.startsWith(`${doc.body.software.version}-mikan.`)).toBe(true);
  });

  it('follows settings changes at once but caches user counts', async () => {
    await server.ctx.meta.update({ disableRegistration: true, policies: { ltlAvailable: false } });
    await server.createUser();
    const cachedCounts = await server.fetch('/nodeinfo/2.1', { method: 'GET' });
    // The settings change rebuilt the document, so the new user is counted too.
    expect(cachedCounts.body.openRegistrations).toBe(false);
    expect(cachedCounts.body.metadata.disableRegistration).toBe(true);
    expect(cachedCounts.body.metadata.disableLocalTimeline).toBe(true);
    expect(cachedCounts.body.usage.users.total).toBe(3);

    await server.createUser();
    const again = await server.fetch('/nodeinfo/2.1', { method: 'GET' });
    expect(again.body.usage.users.total).toBe(3);
  });
});

describe('nodeinfo on a fresh instance', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('counts no users and leaves out unset software links', async () => {
    const res = await server.fetch('/nodeinfo/2.1', { method: 'GET' });
    expect(res.body.usage.users).toEqual({ total: 0, activeHalfyear: 0, activeMonth: 0 });
    expect(Object.keys(res.body.software).sort()).toEqual(['name', 'version']);
    expect(res.body.metadata.nodeName).toBeNull();
    expect(res.body.openRegistrations).toBe(true);
  });
});

describe('nodeinfo naming Mikan itself (MIKAN_NODEINFO_SOFTWARE=mikan)', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ nodeinfoSoftware: 'mikan' }); });
  afterAll(async () => { await server?.close(); });

  it('reports mikan with the same version string as meta', async () => {
    const [doc, meta] = await Promise.all([
      server.fetch('/nodeinfo/2.1', { method: 'GET' }),
      server.client().request('meta', { detail: false }),
    ]);
    expect(doc.body.software).toEqual({ name: 'mikan', version: meta.version });
    expect(doc.body.metadata.software.name).toBe('mikan');
  });
});
