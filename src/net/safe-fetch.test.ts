import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, guardedAgents, isPublicAddress, safeFetch, SafeFetchError, type SafeFetchFailure } from './safe-fetch.js';

describe('address classification', () => {
  it('allows only public unicast addresses, IPv4 and IPv6', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '1.1.1.1', '2606:4700::1111', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('refuses loopback, private, link-local, multicast, unspecified and other special ranges', () => {
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback', '127.255.255.254': 'loopback', '::1': 'loopback', '[::1]': 'loopback',
      '10.0.0.1': 'private', '172.16.5.4': 'private', '172.31.255.255': 'private', '192.168.0.1': 'private',
      '169.254.169.254': 'linkLocal', 'fe80::1': 'linkLocal', 'fe80::1%eth0': 'linkLocal',
      '224.0.0.1': 'multicast', '239.255.255.250': 'multicast', 'ff02::1': 'multicast',
      '0.0.0.0': 'unspecified', '::': 'unspecified', '0.1.2.3': 'unspecified',
      '255.255.255.255': 'broadcast', '100.64.0.1': 'carrierGradeNat',
      'fc00::1': 'uniqueLocal', 'fd12:3456::1': 'uniqueLocal',
      '192.0.2.1': 'reserved', '198.18.0.1': 'reserved', '240.0.0.1': 'reserved', '2001:db8::1': 'reserved',
    };
    for (const [address, range] of Object.entries(refused)) {
      expect(classifyAddress(address), address).toBe(range);
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('judges IPv4-mapped IPv6 by the IPv4 address, and refuses IPv4-embedding transition forms', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('linkLocal');
    for (const address of ['64:ff9b::7f00:1', '2002:7f00:1::', '2001::1']) expect(isPublicAddress(address), address).toBe(false);
  });

  it('refuses every special-purpose range of the IANA registries, and IPv6 outside 2000::/3', () => {
    const refused = [
      // IPv4 registry
      '0.1.2.3', '192.0.0.8', '192.0.0.170', '192.0.2.200', '192.31.196.1', '192.52.193.1', '192.88.99.1', '192.175.48.1',
      '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9', '240.0.0.1', '255.255.255.254', '100.127.255.255',
      // IPv4-compatible IPv6 (::/96) carrying loopback, private and even public IPv4
      '::127.0.0.1', '::7f00:1', '[::127.0.0.1]', '::10.0.0.1', '::169.254.169.254', '::8.8.8.8',
      // NAT64 (well-known and local-use) embedding private and public IPv4
      '64:ff9b::127.0.0.1', '64:ff9b::10.0.0.1', '64:ff9b::8.8.8.8', '64:ff9b:1::a00:1',
      // 6to4, Teredo, the other IETF protocol assignments, documentation, discard, dummy, SRv6
      '2002:a00:1::1', '2002:808:808::1', '2001:0:4136:e378::1', '2001:2::1', '2001:3::1', '2001:4:112::1', '2001:20::1',
      '2001:db8:1::1', '3fff::1', '100::1', '100:0:0:1::1', '5f00::1', '2620:4f:8000::1',
      // mapped forms of private IPv4, multicast, and unassigned IPv6 outside 2000::/3
      '::ffff:192.168.1.1', '::ffff:198.18.0.1', 'ff0e::1', '4000::1', 'e000::1', '1::1',
    ];
    for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
  });

  it('calls non-addresses invalid', () => {
    expect(classifyAddress('example.com')).toBe('invalid');
    expect(isPublicAddress('')).toBe(false);
  });
});

async function expectRefusal(promise: Promise<unknown>, reason: SafeFetchFailure): Promise<SafeFetchError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SafeFetchError);
  expect((error as SafeFetchError).reason).toBe(reason);
  return error as SafeFetchError;
}

describe('safeFetch', () => {
  let origin = '';
  let port = 0;
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    hits.push(url.pathname);
    switch (url.pathname) {
      case '/page': return response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<p>héllo</p>');
      case '/latin1': return response.writeHead(200, { 'Content-Type': 'text/html; charset=iso-8859-1' }).end(Buffer.from([0x3c, 0x70, 0x3e, 0xe9]));
      case '/json': return response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      case '/big': return response.writeHead(200, { 'Content-Type': 'text/html' }).end('x'.repeat(300 * 1024));
      case '/big-chunked': {
        response.writeHead(200, { 'Content-Type': 'text/html' });
        for (let i = 0; i < 300; i++) response.write('x'.repeat(1024));
        return response.end();
      }
      case '/slow': return setTimeout(() => response.writeHead(200, { 'Content-Type': 'text/html' }).end('late'), 2_000);
      case '/missing': return response.writeHead(404, { 'Content-Type': 'text/html' }).end('no');
      case '/gzip': return response.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }).end('not really');
      case '/to-page': return response.writeHead(302, { Location: '/page' }).end();
      case '/to-private': return response.writeHead(302, { Location: `http://10.0.0.1:${port}/page` }).end();
      case '/to-loopback-v6': return response.writeHead(301, { Location: `http://[::1]:${port}/page` }).end();
      case '/to-other-loopback': return response.writeHead(307, { Location: `http://127.0.0.2:${port}/page` }).end();
      case '/to-file': return response.writeHead(302, { Location: 'file:///etc/passwd' }).end();
      case '/loop': return response.writeHead(302, { Location: '/loop' }).end();
      default: return response.writeHead(404).end();
    }
  });
  // Only this test server's exact address is allowed; everything else keeps the production rule.
  const onlyTestServer = (address: string) => address === '127.0.0.1' || isPublicAddress(address);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches an HTML page, decoding its charset, and follows redirects', async () => {
    const page = await safeFetch(`${origin}/page`, { isAllowedAddress: onlyTestServer });
    expect(page).toMatchObject({ url: `${origin}/page`, status: 200, contentType: 'text/html', body: '<p>héllo</p>' });
    expect((await safeFetch(`${origin}/latin1`, { isAllowedAddress: onlyTestServer })).body).toBe('<p>é');
    const redirected = await safeFetch(`${origin}/to-page`, { isAllowedAddress: onlyTestServer });
    expect(redirected.url).toBe(`${origin}/page`);
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'data:text/html,hi', 'gopher://example.com/', 'javascript:alert(1)']) {
      await expectRefusal(safeFetch(url), 'protocol');
    }
    await expectRefusal(safeFetch('not a url'), 'invalid-url');
  });

  it('refuses loopback, private and link-local addresses without connecting', async () => {
    const before = hits.length;
    for (const url of [`${origin}/page`, 'http://127.0.0.1/', 'http://10.1.2.3/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://[fc00::1]/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[2002:7f00:1::1]/', 'http://2130706433/', 'http://0x7f.1/']) {
      const error = await expectRefusal(safeFetch(url), 'address');
      expect(error.message).toMatch(/loopback|private|linkLocal|unspecified|uniqueLocal|ipv4Compatible|nat64|6to4|rfc6052/);
    }
    expect(hits.length).toBe(before);
  });

  it('checks the addresses a host name resolves to (localhost is loopback)', async () => {
    await expectRefusal(safeFetch(`http://localhost:${port}/page`), 'address');
    // A name resolving partly into the private network is refused as a whole, whatever the order
    // or family of the answers.
    const mixed: Array<Array<{ address: string; family: number }>> = [
      [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }],
      [{ address: '127.0.0.1', family: 4 }, { address: '93.184.216.34', family: 4 }],
      [{ address: '2606:4700::1111', family: 6 }, { address: '::127.0.0.1', family: 6 }],
      [{ address: '93.184.216.34', family: 4 }, { address: '64:ff9b::a00:1', family: 6 }],
      [{ address: '2606:4700::1111', family: 6 }, { address: '::ffff:169.254.169.254', family: 6 }],
    ];
    for (const answers of mixed) await expectRefusal(safeFetch('http://mixed.test/', { resolve: async () => answers }), 'address');
  });

  it('connects to exactly the address it checked (no second lookup to rebind)', async () => {
    let lookups = 0;
    const page = await safeFetch(`http://client.test:${port}/page`, {
      isAllowedAddress: onlyTestServer,
      resolve: async () => { lookups++; return [{ address: '127.0.0.1', family: 4 }]; },
    });
    expect(page.body).toBe('<p>héllo</p>');
    expect(lookups).toBe(1);
  });

  it('checks every redirect target again', async () => {
    await expectRefusal(safeFetch(`${origin}/to-private`, { isAllowedAddress: onlyTestServer }), 'address');
    await expectRefusal(safeFetch(`${origin}/to-loopback-v6`, { isAllowedAddress: onlyTestServer }), 'address');
    await expectRefusal(safeFetch(`${origin}/to-other-loopback`, { isAllowedAddress: onlyTestServer }), 'address');
    await expectRefusal(safeFetch(`${origin}/to-file`, { isAllowedAddress: onlyTestServer }), 'protocol');
    await expectRefusal(safeFetch(`${origin}/loop`, { isAllowedAddress: onlyTestServer }), 'redirects');
  });

  it('caps size and time, and takes only the accepted content types', async () => {
    await expectRefusal(safeFetch(`${origin}/big`, { isAllowedAddress: onlyTestServer }), 'too-large');
    await expectRefusal(safeFetch(`${origin}/big-chunked`, { isAllowedAddress: onlyTestServer }), 'too-large');
    await expectRefusal(safeFetch(`${origin}/slow`, { isAllowedAddress: onlyTestServer, timeoutMs: 300 }), 'timeout');
    await expectRefusal(safeFetch(`${origin}/json`, { isAllowedAddress: onlyTestServer }), 'content-type');
    await expectRefusal(safeFetch(`${origin}/gzip`, { isAllowedAddress: onlyTestServer }), 'content-type');
    await expectRefusal(safeFetch(`${origin}/missing`, { isAllowedAddress: onlyTestServer }), 'status');
  });

  it('lets everything through with allowPrivateNetwork (development)', async () => {
    expect((await safeFetch(`http://localhost:${port}/page`, { allowPrivateNetwork: true })).status).toBe(200);
  });
});

describe('guardedAgents (for libraries that make their own requests: summaly)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((_request, response) => { response.writeHead(200, { 'Content-Type': 'text/plain' }); response.end('ok'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  function get(url: string, agent: http.Agent): Promise<number> {
    return new Promise((resolve, reject) => {
      http.get(url, { agent }, (response) => { response.resume(); resolve(response.statusCode ?? 0); }).on('error', reject);
    });
  }

  it('refuses names that resolve to private addresses, and private address literals (which skip DNS)', async () => {
    const agents = guardedAgents();
    for (const url of [`http://localhost:${port}/`, `http://127.0.0.1:${port}/`, `http://[::1]:${port}/`]) {
      const error = await get(url, agents.http).then(() => null, (caught: unknown) => caught);
      expect(error, url).toBeInstanceOf(SafeFetchError);
      expect((error as SafeFetchError).reason).toBe('address');
    }
  });

  it('connects where the rule allows it', async () => {
    expect(await get(`http://127.0.0.1:${port}/`, guardedAgents({ allowPrivateNetwork: true }).http)).toBe(200);
    const onlyThis = guardedAgents({ isAllowedAddress: (address) => address === '127.0.0.1', resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await get(`http://anything.example:${port}/`, onlyThis.http)).toBe(200);
    await expect(get(`http://[::1]:${port}/`, onlyThis.http)).rejects.toThrow(/loopback/);
  });
});
