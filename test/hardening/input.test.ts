import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDriveServer } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';

/**
 * Issue 18, item 3: input that used to reach PostgreSQL or Date and come back as a 500. Each one
 * must be a Misskey-format 400 (INVALID_PARAM or the endpoint's declared error).
 */
let server: TestServer & { dataDir: string };
let user: { id: string; username: string; token: string };

beforeAll(async () => {
  server = await startDriveServer();
  user = await server.createUser();
});
afterAll(() => server?.close());

const INVALID_PARAM = { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532', kind: 'client' };

async function call(endpoint: string, body: Record<string, unknown>, token: string | null = null) {
  return server.fetch(`/api/${endpoint}`, { json: token ? { i: token, ...body } : body });
}

function expectInvalidParam(res: { status: number; body: any }) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject(INVALID_PARAM);
}

describe('NUL and other unstorable text', () => {
  it.each([
    ['users/show (anonymous)', 'users/show', { username: 'a\u0000b' }, false],
    ['username/available (anonymous)', 'username/available', { username: 'a\u0000' }, false],
    ['notes/search (anonymous)', 'notes/search', { query: 'x\u0000' }, false],
    ['hashtags/show (anonymous)', 'hashtags/show', { tag: 'x\u0000' }, false],
    ['notes/create', 'notes/create', { text: 'hello\u0000world' }, true],
    ['notes/create poll choice', 'notes/create', { text: 'poll', poll: { choices: ['a\u0000', 'b'] } }, true],
    ['i/update', 'i/update', { name: 'x\u0000' }, true],
    ['i/update free-form fields', 'i/update', { fields: [{ name: 'a', value: 'b\u0000' }] }, true],
    ['a lone surrogate', 'notes/create', { text: 'broken \ud83d' }, true],
  ])('%s: INVALID_PARAM', async (_name, endpoint, body, signedIn) => {
    expectInvalidParam(await call(endpoint, body, signedIn ? user.token : null));
  });

  it('in the token itself is AUTHENTICATION_FAILED or INVALID_PARAM, never a 500', async () => {
    const res = await call('i', { i: 'abc\u0000def' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PARAM');
  });

  it('in GET query strings too', async () => {
    const res = await server.fetch('/api/users/show?username=a%00b', { method: 'GET' });
    expect(res.status).toBeLessThan(500);
  });

  it('on sign-up and sign-in (outside the endpoint framework)', async () => {
    const signup = await server.fetch('/api/signup', { json: { username: 'nul\u0000', password: 'pw' }, headers: { 'x-forwarded-for': '10.18.0.1' } });
    expectInvalidParam(signup);
    const signin = await server.fetch('/api/signin-flow', { json: { username: 'nul\u0000', password: 'pw' }, headers: { 'x-forwarded-for': '10.18.0.2' } });
    expectInvalidParam(signin);
  });
});

describe('union params', () => {
  it('users/show does not take userIds: "x" beside another variant', async () => {
    const other = await server.createUser();
    const res = await call('users/show', { username: other.username, userIds: 'x' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(other.id);
    const both = await call('users/show', { userId: other.id, userIds: 'x' });
    expect(both.status).toBe(200);
    expect(both.body.id).toBe(other.id);
    expectInvalidParam(await call('users/show', { userIds: 'x' }));
  });
});

describe('numbers', () => {
  it.each([1e308, 2 ** 60, Number.MAX_SAFE_INTEGER + 2])('offset %s is INVALID_PARAM', async (offset) => {
    expectInvalidParam(await call('users', { offset }));
  });

  it('offset 1e400 (Infinity once parsed) is INVALID_PARAM', async () => {
    const res = await server.fetch('/api/users', { body: '{"offset":1e400}', headers: { 'content-type': 'application/json' } });
    expectInvalidParam(res);
  });

  it('an offset past everything is an empty page', async () => {
    const res = await call('users', { offset: Number.MAX_SAFE_INTEGER });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('dates', () => {
  it('poll expiresAt and expiredAfter beyond the date range are INVALID_PARAM', async () => {
    for (const poll of [
      { choices: ['a', 'b'], expiresAt: 8_640_000_000_000_001 },
      { choices: ['a', 'b'], expiresAt: Number.MAX_SAFE_INTEGER },
      { choices: ['a', 'b'], expiredAfter: 8_640_000_000_000_000 },
      { choices: ['a', 'b'], expiredAfter: Number.MAX_SAFE_INTEGER },
    ]) {
      expectInvalidParam(await call('notes/create', { text: 'poll', poll }, user.token));
    }
  });

  it('a poll far in the future is still fine', async () => {
    const res = await call('notes/create', { text: 'poll', poll: { choices: ['a', 'b'], expiredAfter: 1000 * 3600 * 24 * 365 * 1000 } }, user.token);
    expect(res.status).toBe(200);
    expect(new Date(res.body.createdNote.poll.expiresAt).getUTCFullYear()).toBeGreaterThan(2900);
  });

  it('sinceDate and untilDate past 2089 clamp instead of wrapping around', async () => {
    const note = await call('notes/create', { text: 'dated' }, user.token);
    expect(note.status).toBe(200);
    for (const untilDate of [Date.UTC(2090, 0, 1), Date.UTC(2200, 0, 1), 8_640_000_000_000_000, Number.MAX_SAFE_INTEGER]) {
      const res = await call('users/notes', { userId: user.id, untilDate }, user.token);
      expect(res.status).toBe(200);
      expect(res.body.map((n: { id: string }) => n.id)).toContain(note.body.createdNote.id);
      const since = await call('users/notes', { userId: user.id, sinceDate: untilDate }, user.token);
      expect(since.status).toBe(200);
      expect(since.body).toEqual([]);
    }
    const before2000 = await call('users/notes', { userId: user.id, untilDate: -1e15 }, user.token);
    expect(before2000.body).toEqual([]);
  });
});

/**
 * Sends a raw HTTP request and reads the answer, which may come before the body is complete. Writes
 * wait for the socket to drain, so `bytesSentBeforeAnswer` counts what the server (and the kernel's
 * buffers) accepted: a server that stops reading stops it growing.
 */
function rawRequest(url: string, head: string, bodyChunks: (string | Buffer)[]): Promise<{ status: number; text: string; headers: string; bytesSentBeforeAnswer: number }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let sent = 0;
    let answeredAt = -1;
    let settled = false;
    const finish = () => {
      if (settled) return;
      const [headers, ...rest] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1] ?? 0);
      settled = true;
      socket.destroy();
      if (!status) return reject(new Error(`no answer: ${JSON.stringify(received.slice(0, 200))}`));
      resolve({ status, text: rest.join('\r\n\r\n'), headers, bytesSentBeforeAnswer: answeredAt });
    };
    socket.on('data', (chunk) => {
      if (answeredAt < 0) answeredAt = sent;
      received += chunk.toString('latin1');
      const boundary = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received.slice(0, boundary))?.[1];
      if (boundary >= 0 && length !== undefined && Buffer.byteLength(received.slice(boundary + 4), 'latin1') >= Number(length)) finish();
    });
    socket.on('error', () => { /* the server may close while we write */ });
    socket.on('close', finish);
    void (async () => {
      for (const chunk of [head, ...bodyChunks]) {
        if (socket.destroyed || answeredAt >= 0) return;
        if (chunk !== head) sent += Buffer.byteLength(chunk);
        if (!socket.write(chunk)) await new Promise((r) => { socket.once('drain', r); socket.once('close', r); });
      }
    })();
  });
}

function jsonOf(text: string): any {
  // Chunked or plain: find the JSON object.
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return JSON.parse(text.slice(start, end + 1));
}

describe('malformed multipart bodies (no token needed)', () => {
  const boundary = 'mikanboundary';
  const head = (body: string | null, contentType = `multipart/form-data; boundary=${boundary}`, extra = '') =>
    `POST /api/drive/files/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\n${body === null ? 'Transfer-Encoding: chunked' : `Content-Length: ${Buffer.byteLength(body)}`}\r\n${extra}\r\n`;

  it.each([
    ['no boundary', 'multipart/form-data', `--${boundary}\r\nContent-Disposition: form-data; name="i"\r\n\r\nx\r\n--${boundary}--\r\n`],
    ['garbage', undefined, 'this is not multipart at all'],
    ['a part without headers', undefined, `--${boundary}\r\n\r\nvalue\r\n--${boundary}--\r\n`],
    ['a truncated file part', undefined, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a file`],
    ['a truncated part header', undefined, `--${boundary}\r\nContent-Disposition: form-da`],
    ['a prototype field name', undefined, `--${boundary}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${boundary}--\r\n`],
    ['a boundary of 200 characters', `multipart/form-data; boundary=${'b'.repeat(200)}`, `--${'b'.repeat(200)}\r\nContent-Disposition: form-data; name="i"\r\n\r\nx\r\n--${'b'.repeat(200)}--\r\n`],
  ])('%s: a Misskey-format 4xx', async (_name, contentType, body) => {
    const res = await rawRequest(server.url, head(body, contentType), [body]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const error = jsonOf(res.text).error;
    expect(error).toMatchObject({ code: expect.any(String), id: expect.any(String), kind: 'client' });
  });

  it('too many parts is refused, not parsed forever', async () => {
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n`;
    const body = part.repeat(500) + `--${boundary}--\r\n`;
    const res = await rawRequest(server.url, head(body), [body]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('multipart credential first', () => {
  // Of a 64 MiB body: what the server read plus what the loopback socket buffers hold.
  const LIMIT_OF_WHAT_IS_READ = 16 * 1024 * 1024;
  const boundary = 'mikanboundary';
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const megabyte = Buffer.alloc(1024 * 1024, 0x61);
  const bigBody = [fileHead, ...Array.from({ length: 64 }, () => megabyte), `\r\n--${boundary}--\r\n`];
  const length = bigBody.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
  const head = (extra: string) =>
    `POST /api/drive/files/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n${extra}\r\n`;

  it('a bad token in the header is refused before the body is read', async () => {
    const res = await rawRequest(server.url, head('Authorization: Bearer not-a-token\r\n'), bigBody);
    expect(res.status).toBe(401);
    expect(jsonOf(res.text).error.code).toBe('AUTHENTICATION_FAILED');
    expect(res.headers.toLowerCase()).toContain('connection: close');
    expect(res.bytesSentBeforeAnswer).toBeLessThan(LIMIT_OF_WHAT_IS_READ);
  });

  it('an app token without write:drive in the header is refused before the body is read', async () => {
    const readOnly = await server.createAppToken(user.id, ['read:drive']);
    const res = await rawRequest(server.url, head(`Authorization: Bearer ${readOnly}\r\n`), bigBody);
    expect(res.status).toBe(403);
    expect(jsonOf(res.text).error.code).toBe('PERMISSION_DENIED');
    expect(res.bytesSentBeforeAnswer).toBeLessThan(LIMIT_OF_WHAT_IS_READ);
  });

  it('a bad token in the field i before the file is refused before the file is read', async () => {
    const field = `--${boundary}\r\nContent-Disposition: form-data; name="i"\r\n\r\nnot-a-token\r\n`;
    const body = [field, ...bigBody];
    const total = body.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    const res = await rawRequest(server.url, `POST /api/drive/files/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${total}\r\n\r\n`, body);
    expect(res.status).toBe(401);
    expect(res.bytesSentBeforeAnswer).toBeLessThan(LIMIT_OF_WHAT_IS_READ);
  });

  it('a file over the limit stops the reading at the limit', async () => {
    const small = await startDriveServer({ maxUploadBytes: 1024 * 1024 });
    try {
      const owner = await small.createUser();
      const res = await rawRequest(small.url, head(`Authorization: Bearer ${owner.token}\r\n`), bigBody);
      expect(res.status).toBe(413);
      expect(res.bytesSentBeforeAnswer).toBeLessThan(LIMIT_OF_WHAT_IS_READ);
    } finally {
      await small.close();
    }
  });
});
