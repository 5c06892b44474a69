import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiresCredential, type NamedEndpoint } from '../../src/api/define.js';

/** Reactions, polls, favorites, pins and thread muting against the fact tables in ../shared/spec. */
const SPEC = path.resolve('..', 'shared', 'spec');
const ENDPOINTS = [
  'notes/reactions', 'notes/reactions/create', 'notes/reactions/delete', 'users/reactions',
  'notes/polls/vote', 'notes/polls/recommendation', 'notes/favorites/create', 'notes/favorites/delete',
  'i/favorites', 'notes/state', 'i/pin', 'i/unpin', 'notes/thread-muting/create', 'notes/thread-muting/delete',
];

function table(file: string): Record<string, string>[] {
  const [header, ...rows] = fs.readFileSync(path.join(SPEC, file), 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

describe.runIf(fs.existsSync(SPEC))('note interaction endpoints match the spec tables', () => {
  const endpoints = new Map<string, NamedEndpoint['meta'] extends infer M ? { meta: M } : never>();
  // One by one (the registry imports every endpoint at once, which vitest's module runner can
  // deadlock on when modules import each other in a cycle).
  beforeAll(async () => {
    for (const name of ENDPOINTS) endpoints.set(name, (await import(/* @vite-ignore */ pathToFileURL(path.resolve('src/api/endpoints', `${name}.ts`)).href)).default);
  }, 240_000);

  it('declare Misskey\'s credential, permission, rate limit and GET rules', () => {
    const spec = new Map(table('endpoints.tsv').map((row) => [row.endpoint, row]));
    for (const name of ENDPOINTS) {
      const endpoint = endpoints.get(name);
      const row = spec.get(name);
      expect(endpoint, name).toBeDefined();
      expect(row, name).toBeDefined();
      expect(requiresCredential(endpoint!.meta), name).toBe(row!.requireCredential === 'true');
      expect(endpoint!.meta.kind ?? '', name).toBe(row!.permission);
      expect(Boolean(endpoint!.meta.allowGet), name).toBe(row!.allowGet === 'true');
      const limit = Object.fromEntries(row!.rateLimit.split(',').filter(Boolean).map((part) => part.split('=')).map(([k, v]) => [k, Number(v)]));
      expect(endpoint!.meta.limit ?? {}, name).toEqual(limit);
    }
  });

  it('declare every error of errors.tsv with its code and id, and no other', () => {
    const rows = table('errors.tsv').filter((r) => ENDPOINTS.includes(r.endpoint!));
    for (const name of ENDPOINTS) {
      const declared = Object.values(endpoints.get(name)!.meta.errors ?? {}).map((error) => `${error.code} ${error.id}`).sort();
      const expected = rows.filter((r) => r.endpoint === name).map((r) => `${r.code} ${r.id}`).sort();
      expect(declared, name).toEqual(expected);
    }
  });
});
