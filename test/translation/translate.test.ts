import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';

const e = {
  unavailable: { code: 'UNAVAILABLE', id: '50a70314-2d8a-431b-b433-efa5cc56444c' },
  noSuchNote: { code: 'NO_SUCH_NOTE', id: 'bea9b03f-36e0-49c5-a4db-627a029f8971' },
  cannotTranslateInvisibleNote: { code: 'CANNOT_TRANSLATE_INVISIBLE_NOTE', id: 'ea29f2ca-c368-43b3-aaf1-5ac3e74bbe5d' },
};

interface Call { path: string; headers: http.IncomingHttpHeaders; body: string }

/**
 * One loopback HTTP server speaking both translators' APIs: DeepL's `POST /v2/translate` (form body,
 * `Authorization: DeepL-Auth-Key …`) and LibreTranslate's `POST /libre/translate` (JSON body, api_key).
 */
let translator: http.Server;
let translatorUrl: string;
const calls: Call[] = [];
let failWith: number | null = null;

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  translator = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      calls.push({ path: request.url ?? '', headers: request.headers, body });
      if (failWith) return response.writeHead(failWith).end();
      if (request.url === '/v2/translate') {
        if (request.headers.authorization !== 'DeepL-Auth-Key deepl-secret') return response.writeHead(403).end();
        const form = new URLSearchParams(body);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return response.end(JSON.stringify({ translations: [{ detected_source_language: 'JA', text: `[${form.get('target_lang')}] ${form.get('text')}` }] }));
      }
      if (request.url === '/libre/translate') {
        const json = JSON.parse(body) as { q: string; source: string; target: string; api_key?: string };
        if (json.api_key !== 'libre-secret') return response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error":"Invalid API key"}');
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return response.end(JSON.stringify({ detectedLanguage: { confidence: 90, language: 'fr' }, translatedText: `<${json.target}> ${json.q}` }));
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => translator.listen(0, '127.0.0.1', resolve));
  translatorUrl = `http://127.0.0.1:${(translator.address() as AddressInfo).port}`;
  server = await startTestServer({ allowPrivateNetwork: true, rateLimit: false, deeplApiUrl: translatorUrl });
  adminToken = (await server.createUser({ isAdmin: true })).token;
});

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => { translator?.closeAllConnections(); translator?.close(resolve); });
});

beforeEach(() => {
  calls.length = 0;
  failWith = null;
});

async function configure(settings: Record<string, unknown>): Promise<void> {
  await server.client(adminToken).request('admin/update-meta', { deeplAuthKey: null, deeplIsPro: false, libreTranslateURL: null, libreTranslateKey: null, ...settings } as any);
}

describe('notes/translate', () => {
  it('is unavailable while no translator is configured (translatorAvailable false)', async () => {
    await configure({});
    expect((await server.client().request('meta', {})).translatorAvailable).toBe(false);
    const alice = await server.createUser();
    const note = await server.client(alice.token).request('notes/create', { text: 'こんにちは' });
    await expectApiError(server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), e.unavailable);
    expect(calls).toEqual([]);
  });

  it('translates with DeepL: its API shape, the key as a header, the language part of targetLang', async () => {
    await configure({ deeplAuthKey: 'deepl-secret' });
    expect((await server.client().request('meta', {})).translatorAvailable).toBe(true);
    expect(await server.client(adminToken).request('admin/meta', {})).toMatchObject({ deeplAuthKey: 'deepl-secret', deeplIsPro: false, translatorAvailable: true });
    const alice = await server.createUser();
    const note = await server.client(alice.token).request('notes/create', { text: 'こんにちは' });
    expect(await server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en-US' }))
      .toEqual({ sourceLang: 'JA', text: '[en] こんにちは' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(calls[0]!.body).get('target_lang')).toBe('en');
  });

  it('translates with LibreTranslate when only it is configured, sending its API key', async () => {
    await configure({ libreTranslateURL: `${translatorUrl}/libre`, libreTranslateKey: 'libre-secret' });
    expect((await server.client().request('meta', {})).translatorAvailable).toBe(true);
    const alice = await server.createUser();
    const note = await server.client(alice.token).request('notes/create', { text: 'bonjour' });
    expect(await server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'ja-JP' }))
      .toEqual({ sourceLang: 'fr', text: '<ja> bonjour' });
    expect(JSON.parse(calls[0]!.body)).toEqual({ q: 'bonjour', source: 'auto', target: 'ja', format: 'text', api_key: 'libre-secret' });
  });

  it('answers UNAVAILABLE when the translator fails or refuses the key', async () => {
    await configure({ libreTranslateURL: `${translatorUrl}/libre`, libreTranslateKey: 'wrong' });
    const alice = await server.createUser();
    const note = await server.client(alice.token).request('notes/create', { text: 'bonjour' });
    await expectApiError(server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), e.unavailable);
    await configure({ deeplAuthKey: 'deepl-secret' });
    failWith = 503;
    await expectApiError(server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), e.unavailable);
  });

  it('answers nothing (204) for a note without text', async () => {
    await configure({ deeplAuthKey: 'deepl-secret' });
    const alice = await server.createUser();
    const renote = await server.client(alice.token).request('notes/create', { text: 'a' });
    const pure = await server.client(alice.token).request('notes/create', { renoteId: renote.createdNote.id });
    const response = await server.fetch('/api/notes/translate', { json: { i: alice.token, noteId: pure.createdNote.id, targetLang: 'en' } });
    expect(response.status).toBe(204);
    expect(calls).toEqual([]);
  });

  it('refuses a note the caller may not read (visibility, blocks) and a missing one', async () => {
    await configure({ deeplAuthKey: 'deepl-secret' });
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const followersOnly = await server.client(alice.token).request('notes/create', { text: 'secret', visibility: 'followers' });
    await expectApiError(server.client(bob.token).request('notes/translate', { noteId: followersOnly.createdNote.id, targetLang: 'en' }), e.cannotTranslateInvisibleNote);
    const open = await server.client(alice.token).request('notes/create', { text: 'open' });
    await server.client(alice.token).request('blocking/create', { userId: bob.id });
    await expectApiError(server.client(bob.token).request('notes/translate', { noteId: open.createdNote.id, targetLang: 'en' }), e.cannotTranslateInvisibleNote);
    await expectApiError(server.client(bob.token).request('notes/translate', { noteId: '0000000000000000', targetLang: 'en' }), e.noSuchNote);
    expect(calls).toEqual([]);
    // The author may.
    expect(await server.client(alice.token).request('notes/translate', { noteId: followersOnly.createdNote.id, targetLang: 'en' })).toMatchObject({ text: '[en] secret' });
  });

  it('needs the canUseTranslator policy', async () => {
    await configure({ deeplAuthKey: 'deepl-secret', policies: { canUseTranslator: false } });
    try {
      const alice = await server.createUser();
      const note = await server.client(alice.token).request('notes/create', { text: 'x' });
      await expectApiError(server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), e.unavailable);
      expect((await server.client(alice.token).request('i', {})).policies.canUseTranslator).toBe(false);
    } finally {
      await configure({ policies: {} });
    }
  });

  it('refuses bad params, anonymous callers and app tokens without read:account', async () => {
    await configure({ deeplAuthKey: 'deepl-secret' });
    const alice = await server.createUser();
    const note = await server.client(alice.token).request('notes/create', { text: 'x' });
    await expectApiError(server.client(alice.token).request('notes/translate', { noteId: note.createdNote.id } as any), commonErrors.invalidParam);
    await expectApiError(server.client(alice.token).request('notes/translate', { noteId: 'bad id!', targetLang: 'en' }), commonErrors.invalidParam);
    await expectApiError(server.client().request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), commonErrors.credentialRequired);
    const without = await server.createAppToken(alice.id, ['write:notes']);
    await expectApiError(server.client(without).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' }), commonErrors.permissionDenied);
    const withRead = await server.createAppToken(alice.id, ['read:account']);
    expect(await server.client(withRead).request('notes/translate', { noteId: note.createdNote.id, targetLang: 'en' })).toMatchObject({ text: '[en] x' });
  });
});
