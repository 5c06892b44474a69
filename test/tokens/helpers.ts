import { expect } from 'vitest';
import { accessTokens, apps, authSessions, oauthCodes, oauthTransactions } from '../../src/db/schema/index.js';
import type { TestServer } from '../harness.js';

/** Every table a token flow writes: none may hold a secret in plain text (only hashes and sealed values). */
export async function expectStoredNowhere(server: TestServer, ...secrets: string[]): Promise<void> {
  const { db } = server.ctx;
  const dump = JSON.stringify([
    await db.select().from(accessTokens),
    await db.select().from(apps),
    await db.select().from(authSessions),
    await db.select().from(oauthTransactions),
    await db.select().from(oauthCodes),
  ]);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(dump.includes(secret), `a secret is stored in plain text: ${secret}`).toBe(false);
  }
}

let ipCounter = 0;
/** A client address of its own per call site (anonymous limits are per IP; the test server trusts X-Forwarded-For from loopback). */
export function freshIp(): string {
  ipCounter++;
  return `10.${100 + (process.pid % 100)}.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
}
