import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDriveServer } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { endpointsOf, hostileBody, isMisskeyError, seededRandom } from '../fuzz/inputs.js';

/**
 * Every endpoint of /api.json, fed schema-derived hostile bodies anonymously and with a native
 * token: never a 5xx, and every error in Misskey's format. Fixed seed and a bounded budget for CI;
 * `bench/fuzz.ts --seed N --requests N` is the long run (docs/reliability.md).
 */
const SEED = 18;
const BODIES_PER_ENDPOINT = 3;
// Endpoints that would end the caller's own session mid-run.
const SKIPPED = new Set(['i/regenerate-token', 'i/delete-account']);

let server: TestServer & { dataDir: string };
let token: string;

beforeAll(async () => {
  server = await startDriveServer({ rateLimit: false });
  token = (await server.createUser()).token;
});
afterAll(() => server?.close());

describe('schema-driven fuzz of every endpoint', () => {
  it('answers hostile input with no 5xx and Misskey-format errors', async () => {
    const document = (await server.fetch('/api.json', { method: 'GET' })).body;
    const endpoints = endpointsOf(document).filter((endpoint) => !SKIPPED.has(endpoint.name));
    expect(endpoints.length).toBeGreaterThan(50);
    const random = seededRandom(SEED);
    const failures: string[] = [];
    let requests = 0;
    for (const endpoint of endpoints) {
      for (let n = 0; n < BODIES_PER_ENDPOINT; n++) {
        const body = hostileBody(document, endpoint.schema, random);
        for (const credential of [null, token]) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (credential) headers.authorization = `Bearer ${credential}`;
          const res = await server.fetch(`/api/${endpoint.name}`, { body: JSON.stringify(body), headers });
          requests++;
          const label = `${endpoint.name} ${credential ? 'signed-in' : 'anonymous'} ${JSON.stringify(body)?.slice(0, 200)}`;
          if (res.status >= 500) failures.push(`${res.status} ${label}: ${res.text.slice(0, 200)}`);
          else if (res.status >= 400 && res.body !== null && !isMisskeyError(res.body)) failures.push(`non-Misskey error ${res.status} ${label}: ${res.text.slice(0, 200)}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 240_000);
});
