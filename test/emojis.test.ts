import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from 'misskey-js';
import { emojis } from '../src/db/schema/index.js';
import { genId } from '../src/misc/id.js';
import { startTestServer, type TestServer } from './harness.js';

const NO_SUCH_EMOJI = { code: 'NO_SUCH_EMOJI', id: 'ad56b582-a453-4009-8fb3-3fa8f45f99d2' };

let server: TestServer;
const roleId = genId();
const ids = { zeta: genId(), alpha: genId(), beta: genId(), nocat: genId() };

beforeAll(async () => {
  server = await startTestServer();
  const file = (name: string) => `https://files.example/${name}.png`;
  await server.ctx.db.insert(emojis).values([
    // Categories differ only in case from each other: Misskey sorts case-insensitively.
    { id: ids.alpha, name: 'Alpha', category: 'B', originalUrl: file('alpha-original'), publicUrl: file('alpha') },
    { id: ids.nocat, name: 'nocat', category: null, originalUrl: file('nocat'), license: 'CC0' },
    { id: ids.zeta, name: 'zeta', category: 'a', originalUrl: file('zeta'), publicUrl: file('zeta-public'), aliases: ['z', 'last'], localOnly: true, isSensitive: true, roleIdsThatCanBeUsedThisEmojiAsReaction: [roleId] },
    { id: ids.beta, name: 'beta', category: 'b', originalUrl: file('beta'), publicUrl: file('beta') },
    { id: genId(), name: 'remoteonly', host: 'remote.example', category: 'a', originalUrl: file('remoteonly') },
    { id: genId(), name: 'zeta', host: 'remote.example', category: 'a', originalUrl: file('remote-zeta') },
  ]);
});
afterAll(async () => { await server?.close(); });

describe('emojis', () => {
  it('lists local emojis by category then name, case-insensitively, uncategorized last', async () => {
    const res = await server.client().request('emojis', {});
    expect(res.emojis.map((emoji) => emoji.name)).toEqual(['zeta', 'Alpha', 'beta', 'nocat']);
  });

  it('packs EmojiSimple as Misskey: flags and role ids only when set, publicUrl before originalUrl', async () => {
    const { emojis: list } = await server.client().request('emojis', {});
    expect(list[0]).toEqual({
      aliases: ['z', 'last'],
      name: 'zeta',
      category: 'a',
      url: 'https://files.example/zeta-public.png',
      localOnly: true,
      isSensitive: true,
      roleIdsThatCanBeUsedThisEmojiAsReaction: [roleId],
    });
    // Exact equality: no localOnly/isSensitive/roleIds keys at all when false or empty.
    expect(list[3]).toEqual({ aliases: [], name: 'nocat', category: null, url: 'https://files.example/nocat.png' });
    expect(list[1].url).toBe('https://files.example/alpha.png');
  });

  it('answers GET, publicly cacheable for an hour when anonymous', async () => {
    const res = await server.fetch('/api/emojis', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.body.emojis).toHaveLength(4);
  });
});

describe('emoji', () => {
  it('answers EmojiDetailed for a local emoji, not the remote one of the same name', async () => {
    const emoji = await server.client().request('emoji', { name: 'zeta' });
    expect(emoji).toEqual({
      id: ids.zeta,
      aliases: ['z', 'last'],
      name: 'zeta',
      category: 'a',
      host: null,
      url: 'https://files.example/zeta-public.png',
      license: null,
      isSensitive: true,
      localOnly: true,
      roleIdsThatCanBeUsedThisEmojiAsReaction: [roleId],
    });
  });

  it('answers false flags and empty lists explicitly', async () => {
    const emoji = await server.client().request('emoji', { name: 'nocat' });
    expect(emoji).toEqual({
      id: ids.nocat,
      aliases: [],
      name: 'nocat',
      category: null,
      host: null,
      url: 'https://files.example/nocat.png',
      license: 'CC0',
      isSensitive: false,
      localOnly: false,
      roleIdsThatCanBeUsedThisEmojiAsReaction: [],
    });
  });

  it('fails with NO_SUCH_EMOJI for an unknown name, a remote-only one, or a different case', async () => {
    for (const name of ['nope', 'remoteonly', 'ZETA']) {
      const res = await server.fetch('/api/emoji', { json: { name } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ ...NO_SUCH_EMOJI, kind: 'client' });
    }
    const error = await server.client().request('emoji', { name: 'nope' }).catch((e: unknown) => e);
    expect(api.isAPIError(error as never)).toBe(true);
    expect(error).toMatchObject(NO_SUCH_EMOJI);
  });

  it('answers GET with the name in the query', async () => {
    const res = await server.fetch('/api/emoji?name=beta', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.beta, name: 'beta' });
  });

  it('rejects a missing or non-string name with INVALID_PARAM', async () => {
    for (const json of [{}, { name: 1 }, { name: null }]) {
      const res = await server.fetch('/api/emoji', { json });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PARAM');
    }
  });
});
