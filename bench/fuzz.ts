/**
 * The long fuzz run (docs/reliability.md, "Input and authorisation"): schema-derived hostile bodies
 * (test/fuzz/inputs.ts) at every endpoint of a running Mikan's /api.json, anonymous and, with
 * --token, signed in. Reports every 5xx and every error body not in Misskey's format; exits 1 if any.
 *
 *   node --import tsx bench/fuzz.ts --url http://127.0.0.1:3000 --token TOKEN --seed 18 --requests 20000
 *
 * Run it against a throwaway instance with MIKAN_RATE_LIMIT=off: it calls every endpoint, admin
 * ones included if the token is an administrator's.
 */
import { parseArgs } from 'node:util';
import { endpointsOf, hostileBody, isMisskeyError, seededRandom } from '../test/fuzz/inputs.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    token: { type: 'string' },
    seed: { type: 'string', default: '18' },
    requests: { type: 'string', default: '5000' },
  },
});
const url = values.url!.replace(/\/$/, '');
const seed = Number(values.seed);
const budget = Number(values.requests);
const SKIPPED = new Set(['i/regenerate-token', 'i/delete-account']);

const document = await (await fetch(`${url}/api.json`)).json() as Record<string, any>;
const endpoints = endpointsOf(document).filter((endpoint) => !SKIPPED.has(endpoint.name));
const random = seededRandom(seed);
const statuses = new Map<number, number>();
const failures: string[] = [];
const started = performance.now();
let requests = 0;
while (requests < budget) {
  const endpoint = endpoints[Math.floor(random() * endpoints.length)];
  const body = hostileBody(document, endpoint.schema, random);
  const credential = values.token && random() < 0.5 ? values.token : null;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential) headers.authorization = `Bearer ${credential}`;
  const response = await fetch(`${url}/api/${endpoint.name}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  requests++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  let parsed: unknown = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  const label = `${endpoint.name} ${credential ? 'signed-in' : 'anonymous'} ${JSON.stringify(body)?.slice(0, 300)}`;
  if (response.status >= 500) failures.push(`${response.status} ${label}: ${text.slice(0, 300)}`);
  else if (response.status >= 400 && text !== '' && !isMisskeyError(parsed)) failures.push(`non-Misskey error ${response.status} ${label}: ${text.slice(0, 300)}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seed, requests, endpoints: endpoints.length, seconds: Math.round(seconds), statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), failures: failures.length }, null, 2));
for (const failure of failures.slice(0, 50)) console.log(failure);
process.exit(failures.length > 0 ? 1 : 0);
