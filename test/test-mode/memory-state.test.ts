import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../src/test-mode/index.js';

// What the server keeps in memory must follow the data back on reset, and time-dependent state must
// follow the clock: rate-limit windows (kept in the in-memory cache) and streaming connections.
let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimits: true }); }, 60_000);
afterAll(async () => { await server?.close(); });

const signin = () => fetch(`${server.origin}/api/signin-flow`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong' }),
}).then((response) => response.status);

it('rate-limit windows pass when the clock is advanced, and start afresh on reset', async () => {
  expect(await signin()).not.toBe(429);
  // Sign-in allows one attempt a second per address.
  expect(await signin()).toBe(429);
  await server.advanceClock(1500);
  expect(await signin()).not.toBe(429);
  expect(await signin()).toBe(429);
  await server.resetDb();
  expect(await signin()).not.toBe(429);
});

it('closes streaming connections on reset (their subscriptions name data that is gone)', async () => {
  const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/streaming?i=${server.token}`);
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await server.resetDb();
  expect(await closed).toBe(1012);
});
