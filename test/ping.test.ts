import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

describe('ping', () => {
  it('answers through misskey-js with the server time', async () => {
    const before = Date.now();
    const res = await server.client().request('ping', {});
    expect(res.pong).toBeGreaterThanOrEqual(before);
    expect(res.pong).toBeLessThanOrEqual(Date.now());
  });
});
