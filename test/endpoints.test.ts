import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeParams } from '../src/api/endpoints/endpoint.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

describe('endpoints', () => {
  it('lists every endpoint name once, sorted', async () => {
    const names = await server.client().request('endpoints', {});
    expect(names).toEqual(expect.arrayContaining(['ping', 'meta', 'endpoints', 'endpoint', 'emojis', 'stats']));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('does not answer GET (405)', async () => {
    const res = await server.fetch('/api/endpoints', { method: 'GET' });
    expect(res.status).toBe(405);
  });
});

describe('endpoint', () => {
  it('describes an endpoint without params as an empty list', async () => {
    expect(await server.client().request('endpoint', { endpoint: 'ping' })).toEqual({ params: [] });
  });

  it('describes params by name with Misskey\'s capitalised type', async () => {
    expect(await server.client().request('endpoint', { endpoint: 'emoji' })).toEqual({ params: [{ name: 'name', type: 'String' }] });
    expect(await server.client().request('endpoint', { endpoint: 'endpoint' })).toEqual({ params: [{ name: 'endpoint', type: 'String' }] });
  });

  it('answers null for an unknown endpoint', async () => {
    expect(await server.client().request('endpoint', { endpoint: 'no/such/endpoint' })).toBeNull();
    const raw = await server.fetch('/api/endpoint', { json: { endpoint: 'no/such/endpoint' } });
    expect(raw.status).toBeLessThan(300);
    expect(raw.body).toBeNull();
  });

  it('rejects a missing or non-string endpoint with INVALID_PARAM', async () => {
    for (const json of [{}, { endpoint: 1 }, { endpoint: ['ping'] }]) {
      const res = await server.fetch('/api/endpoint', { json });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PARAM');
    }
  });

  it('does not answer GET (405)', async () => {
    const res = await server.fetch('/api/endpoint?endpoint=ping', { method: 'GET' });
    expect(res.status).toBe(405);
  });
});

describe('describeParams', () => {
  it('names each JSON type as Misskey does, seeing through nullable unions and enums', () => {
    const params = Type.Object({
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      ratio: Type.Number(),
      withFiles: Type.Boolean(),
      fileIds: Type.Array(Type.String()),
      poll: Type.Union([Type.Object({ choices: Type.Array(Type.String()) }), Type.Null()]),
      cw: Type.Union([Type.String(), Type.Null()]),
      visibility: Type.Union([Type.Literal('public'), Type.Literal('home')]),
      either: Type.Union([Type.String(), Type.Integer()]),
      anything: Type.Unknown(),
    });
    expect(describeParams(params)).toEqual([
      { name: 'limit', type: 'Integer' },
      { name: 'ratio', type: 'Number' },
      { name: 'withFiles', type: 'Boolean' },
      { name: 'fileIds', type: 'Array' },
      { name: 'poll', type: 'Object' },
      { name: 'cw', type: 'String' },
      { name: 'visibility', type: 'String' },
      { name: 'either', type: 'string' },
      { name: 'anything', type: 'string' },
    ]);
  });
});
