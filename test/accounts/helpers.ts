import { expect } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import { responseAjv } from '../../src/api/validate.js';
import type { TestServer } from '../harness.js';
export { expectApiError } from '../api-errors.js';

let ipCounter = 0;

/** A fresh client address per call site: sign-in limits are per IP, and the test server trusts X-Forwarded-For from loopback. */
export function freshIp(): string {
  ipCounter++;
  return `10.${process.pid % 250}.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
}

export function signup(server: TestServer, body: unknown, ip = freshIp()) {
  return server.fetch('/api/signup', { json: body, headers: { 'x-forwarded-for': ip } });
}

export function signin(server: TestServer, body: unknown, ip = freshIp(), path = '/api/signin-flow') {
  return server.fetch(path, { json: body, headers: { 'x-forwarded-for': ip, 'user-agent': 'mikan-tests/1.0', cookie: 'secret=1' } });
}

/** Signs up through the real route and returns the account and its token. */
export async function signupOk(server: TestServer, username: string, password = 'correct horse'): Promise<{ id: string; username: string; token: string; body: any }> {
  const res = await signup(server, { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: res.body.id, username: res.body.username, token: res.body.token, body: res.body };
}

export function expectError(res: { status: number; body: any }, error: { code: string; id: string }, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject({ code: error.code, id: error.id });
}


export function expectSchema(schema: TSchema, value: unknown): void {
  const validate = responseAjv.compile(schema);
  expect(validate(value), responseAjv.errorsText(validate.errors)).toBe(true);
}
