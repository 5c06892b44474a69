import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../src/api/registry.js';
import { requiresCredential } from '../../src/api/define.js';

/** The token flows' endpoints against the fact tables in ../shared/spec (when present beside the repository). */
const SPEC = path.resolve('..', 'shared', 'spec');
const ENDPOINTS = ['miauth/gen-token', 'i/apps', 'i/revoke-token', 'i/authorized-apps', 'app/create', 'app/show', 'my/apps', 'auth/session/generate', 'auth/session/show', 'auth/session/userkey', 'auth/accept'];

function table(file: string): Record<string, string>[] {
  const [header, ...rows] = fs.readFileSync(path.join(SPEC, file), 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

describe.runIf(fs.existsSync(SPEC))('token endpoints match the spec tables', async () => {
  const endpoints = new Map((await loadEndpoints()).map((endpoint) => [endpoint.name, endpoint]));

  it('declare Misskey\'s credential, secure and permission rules', () => {
    const spec = new Map(table('endpoints.tsv').map((row) => [row.endpoint, row]));
    for (const name of ENDPOINTS) {
      const endpoint = endpoints.get(name);
      const row = spec.get(name);
      expect(endpoint, name).toBeDefined();
      expect(row, name).toBeDefined();
      expect(requiresCredential(endpoint!.meta), name).toBe(row!.requireCredential === 'true');
      expect(Boolean(endpoint!.meta.secure), name).toBe(row!.secure === 'true');
      expect(endpoint!.meta.kind ?? '', name).toBe(row!.permission);
    }
  });

  it('declare every error of errors.tsv with its code and id, byte for byte', () => {
    for (const row of table('errors.tsv').filter((r) => ENDPOINTS.includes(r.endpoint))) {
      const declared = Object.values(endpoints.get(row.endpoint)!.meta.errors ?? {});
      expect(declared.some((e) => e.code === row.code && e.id === row.id), `${row.endpoint} ${row.code} ${row.id}`).toBe(true);
    }
  });
});
