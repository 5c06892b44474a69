import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';

/**
 * A full disk during an upload, made real: small tmpfs file systems mounted over the data
 * directory's `tmp/` (where an upload is received) and `files/` (where the drive keeps it). The
 * upload gets a Misskey-format error (not a 500), no partial file is left in either, no row is
 * written, and once there is room again uploads work. Needs root (mount); skipped, saying why,
 * where mounting is refused.
 */
const TMP_MB = 4;
const FILES_MB = 1;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-disk-full-'));
const mounts: string[] = [];
let mountRefused: string | null = null;
for (const [dir, mb] of [['tmp', TMP_MB], ['files', FILES_MB]] as const) {
  const target = path.join(dataDir, dir);
  fs.mkdirSync(target);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', target], { stdio: 'pipe' });
    mounts.push(target);
  } catch (error) {
    mountRefused ??= `cannot mount a small tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  }
}

let server: TestServer;
let token: string;
let userId: string;

beforeAll(async () => {
  if (mountRefused) return;
  server = await startTestServer({ rateLimit: false, dataDir });
  ({ token, id: userId } = await server.createUser());
});
afterAll(async () => {
  // A refused upload's connection may still be half-sent by the client; a real shutdown closes such
  // connections after MIKAN_SHUTDOWN_TIMEOUT_MS, the harness would wait for them.
  server?.app.server.closeAllConnections();
  await server?.close();
  for (const target of mounts) execFileSync('umount', [target]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function upload(size: number) {
  const form = new FormData();
  form.set('i', token);
  // Text: a type every role may upload (random bytes sniff as application/octet-stream, which is refused).
  form.set('file', new Blob([randomBytes(size / 2).toString('hex')], { type: 'text/plain' }), 'data.txt');
  return server.fetch('/api/drive/files/create', { body: form });
}

const entries = (dir: string) => fs.readdirSync(path.join(dataDir, dir));
const filesInDrive = async () => (await server.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM drive_files WHERE user_id = ${userId}`)).rows[0]!.n;

describe.skipIf(mountRefused !== null)(`a full disk during an upload${mountRefused ? ` (skipped: ${mountRefused})` : ''}`, () => {
  it('refuses the upload cleanly when the drive\'s file system is full, leaving nothing behind', async () => {
    const first = await upload(100_000);
    expect(first.status, first.text).toBe(200);
    const kept = entries('files');
    expect(kept.length).toBe(1);

    // Received into tmp/ (room), then stored into files/ (1 MB): no space left.
    const res = await upload(1_500_000);
    expect(res.status, res.text).toBe(507);
    expect(res.body.error).toMatchObject({ code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0', kind: 'server' });
    expect(res.body.error.message).toMatch(/space/i);
    expect(entries('files')).toEqual(kept);
    expect(entries('tmp')).toEqual([]);
    expect(await filesInDrive()).toBe(1);
  });

  it('refuses the upload cleanly when the disk fills while the upload is received', async () => {
    const res = await upload((TMP_MB + 1) * 1_000_000);
    expect(res.status, res.text).toBe(507);
    expect(res.body.error).toMatchObject({ code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0' });
    expect(entries('tmp')).toEqual([]);
    expect(entries('files').length).toBe(1);
    expect(await filesInDrive()).toBe(1);
  });

  it('uploads again once there is room', async () => {
    const res = await upload(200_000);
    expect(res.status, res.text).toBe(200);
    expect(await filesInDrive()).toBe(2);
    const served = await fetch(res.body.url);
    expect(served.status).toBe(200);
    expect((await served.arrayBuffer()).byteLength).toBe(200_000);
  });
});
