import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, freePort, startMikan } from '../mikan-process.js';
import { api, signUpUsers, Workspace } from './helpers.js';

/**
 * `mikan backup` and `mikan restore` on the embedded default, round trip: accounts (their tokens
 * still work), notes, follows, reactions, counters and drive files are all there after a restore
 * into a new data directory; a non-empty directory and a damaged backup are refused.
 */
const workspace = new Workspace();
afterAll(() => workspace.cleanUp());

function mikan(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(process.execPath, ['dist/main.js', ...args], { env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  workspace.children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return exited(child).then((code) => ({ code, output }));
}

async function upload(port: number, token: string, content: Buffer): Promise<{ id: string; url: string; md5: string }> {
  const form = new FormData();
  form.append('i', token);
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/plain' }), 'data.txt');
  const response = await fetch(`http://127.0.0.1:${port}/api/drive/files/create`, { method: 'POST', body: form });
  expect(response.status, await response.clone().text()).toBe(200);
  return await response.json() as { id: string; url: string; md5: string };
}

const download = async (port: number, url: string) => Buffer.from(await (await fetch(`http://127.0.0.1:${port}${new URL(url).pathname}`)).arrayBuffer());

describe('mikan backup / mikan restore', () => {
  it('round trip: a backup taken while Mikan runs restores users, notes, counters and files into a new data directory', async () => {
    const source = workspace.dataDir('backup-source');
    const port = await freePort();
    const running = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: source, MIKAN_RATE_LIMIT: 'off' }, workspace.children);
    const [alice, bob] = await signUpUsers(port, 'bk', 2);
    const note = await api<{ createdNote: { id: string } }>(port, 'notes/create', { i: alice!.token, text: 'kept across a restore\nwith a second line\tand a tab' });
    await api(port, 'notes/create', { i: alice!.token, text: 'a second note' });
    await api(port, 'following/create', { i: bob!.token, userId: alice!.id });
    await api(port, 'notes/reactions/create', { i: bob!.token, noteId: note.createdNote.id, reaction: '👍' });
    const content = Buffer.from(randomBytes(100_000).toString('hex'));
    const file = await upload(port, alice!.token, content);

    const backupDir = path.join(workspace.dataDir('backup-out'), 'backup');
    const backup = await mikan(['backup', backupDir], { MIKAN_DATA_DIR: source });
    expect(backup.code, backup.output).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.files).toHaveLength(1);
    expect(manifest.tables.find((table: { name: string }) => table.name === '"public"."notes"').rows).toBe(2);
    // The running server was not disturbed.
    expect((await api<{ notesCount: number }>(port, 'users/show', { userId: alice!.id })).notesCount).toBe(2);
    running.child.kill('SIGTERM');
    expect(await exited(running.child)).toBe(0);

    // Into the directory it came from: refused, it is not empty.
    const refused = await mikan(['restore', backupDir], { MIKAN_DATA_DIR: source });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('is not empty');

    const target = path.join(workspace.dataDir('backup-target'), 'data');
    const restored = await mikan(['restore', backupDir], { MIKAN_DATA_DIR: target });
    expect(restored.code, restored.output).toBe(0);
    const again = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: target, MIKAN_RATE_LIMIT: 'off' }, workspace.children);
    // Same tokens, same rows, same counters, same bytes.
    const me = await api<{ id: string; notesCount: number; followersCount: number }>(port, 'i', { i: alice!.token });
    expect(me).toMatchObject({ id: alice!.id, notesCount: 2, followersCount: 1 });
    const shown = await api<{ text: string; reactions: Record<string, number> }>(port, 'notes/show', { i: bob!.token, noteId: note.createdNote.id });
    expect(shown.text).toBe('kept across a restore\nwith a second line\tand a tab');
    expect(shown.reactions).toEqual({ '👍': 1 });
    expect((await api<{ followingCount: number }>(port, 'users/show', { userId: bob!.id })).followingCount).toBe(1);
    expect((await download(port, file.url)).equals(content)).toBe(true);
    // And it keeps working: a new note and a new upload.
    await api(port, 'notes/create', { i: bob!.token, text: 'after the restore' });
    expect((await api<{ notesCount: number }>(port, 'users/show', { userId: bob!.id })).notesCount).toBe(1);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);

    // --force replaces a non-empty directory (the stopped source).
    const forced = await mikan(['restore', backupDir, '--force'], { MIKAN_DATA_DIR: source });
    expect(forced.code, forced.output).toBe(0);

    // A damaged backup is refused before anything is written.
    const dataFile = path.join(backupDir, manifest.tables.find((table: { name: string }) => table.name === '"public"."notes"').file);
    fs.appendFileSync(dataFile, 'x');
    const damagedTarget = path.join(workspace.dataDir('backup-damaged'), 'data');
    const damaged = await mikan(['restore', backupDir], { MIKAN_DATA_DIR: damagedTarget });
    expect(damaged.code).toBe(1);
    expect(damaged.output).toContain('damaged');
    expect(fs.existsSync(damagedTarget)).toBe(false);
  }, 240_000);
});
