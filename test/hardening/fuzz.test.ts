import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDriveServer } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { endpointsOf, hostileBody, hostileForm, isMisskeyError, seededRandom } from '../fuzz/inputs.js';
import { allPermissions } from '../../src/api/permissions.js';

/**
 * Every endpoint of /api.json, fed schema-derived hostile bodies anonymously, with a native token,
 * and in turn with an app token holding every permission and a moderator's token (uploads as
 * hostile multipart bodies): never a 5xx, and every error in Misskey's format. Fixed seed and a bounded budget for CI;
 * `bench/fuzz.ts --seed N --requests N` is the long run (docs/reliability.md).
 */
const SEED = 18;
const BODIES_PER_ENDPOINT = 3;
// Endpoints that would end the caller's own session mid-run.
const SKIPPED = new Set(['i/regenerate-token', 'i/delete-account']);

let server: TestServer & { dataDir: string };
let token: string;
let appToken: string;
let moderatorToken: string;

beforeAll(async () => {
  server = await startDriveServer({ rateLimit: false });
  const user = await server.createUser();
  token = user.token;
  appToken = await server.createAppToken(user.id, allPermissions);
  moderatorToken = (await server.createUser({ isModerator: true })).token;
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
        const body = endpoint.multipart ? null : hostileBody(document, endpoint.schema, random);
        // Anonymous and native every time; an app token and a moderator's token in turn (the budget).
        const third = n % 2 === 0 ? { name: 'app token', credential: appToken } : { name: 'moderator', credential: moderatorToken };
        for (const { name, credential } of [{ name: 'anonymous', credential: null }, { name: 'signed-in', credential: token }, third]) {
          let res;
          let shown: string;
          if (endpoint.multipart) {
            const form = hostileForm(document, endpoint.schema, random, credential);
            shown = JSON.stringify([...form.keys()]);
            res = await server.fetch(`/api/${endpoint.name}`, { body: form });
          } else {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (credential) headers.authorization = `Bearer ${credential}`;
            shown = JSON.stringify(body)?.slice(0, 200) ?? 'undefined';
            res = await server.fetch(`/api/${endpoint.name}`, { body: JSON.stringify(body), headers });
          }
          requests++;
          const label = `${endpoint.name} ${name} ${shown}`;
          if (res.status >= 500) failures.push(`${res.status} ${label}: ${res.text.slice(0, 200)}`);
          else if (res.status >= 400 && res.body !== null && !isMisskeyError(res.body)) failures.push(`non-Misskey error ${res.status} ${label}: ${res.text.slice(0, 200)}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 240_000);
});
