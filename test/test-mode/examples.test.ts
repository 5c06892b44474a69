import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

// The "done when": the example suites in examples/ run against `npx mikan test-server` from
// a packed tarball installed in a scratch folder, as an app's CI would use Mikan. Dependencies come
// from the npm cache that `npm ci` filled (--prefer-offline), so this costs a pack and a link.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-examples-'));
// Run as root, Mikan runs PostgreSQL as the postgres user, who must reach the binaries installed here.
fs.chmodSync(scratch, 0o755);
// ~350 installed packages take long to delete on a loaded machine: in the background, not on the suite's time.
afterAll(() => spawn('rm', ['-rf', scratch], { detached: true, stdio: 'ignore' }).unref());

async function sh(command: string, cwd: string, timeout = 150_000): Promise<string> {
  // The scratch folder's own PATH, as a user's shell has it: not Mikan's node_modules/.bin.
  const env = { ...process.env, NODE_ENV: '', PATH: (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.startsWith(root)).join(path.delimiter) };
  const { stdout, stderr } = await run('sh', ['-c', command], { cwd, env, timeout, maxBuffer: 16 * 1024 * 1024 });
  return stdout + stderr;
}

it('runs the example suites against `npx mikan test-server` from a packed tarball', async () => {
  const began = Date.now();
  const packed = await sh(`npm pack --silent --pack-destination "${scratch}"`, root);
  const tarball = path.join(scratch, packed.trim().split('\n').at(-1)!);
  expect(fs.existsSync(tarball)).toBe(true);
  const project = path.join(scratch, 'app');
  fs.mkdirSync(project);
  const misskeyJs = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/misskey-js/package.json'), 'utf8')).version;
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'example-app', private: true, type: 'module' }));
  for (const file of fs.readdirSync(path.join(root, 'examples'))) fs.copyFileSync(path.join(root, 'examples', file), path.join(project, file));
  await sh(`npm install --prefer-offline --no-audit --no-fund "${tarball}" misskey-js@${misskeyJs}`, project);
  const installed = Date.now();

  const cli = await sh('npx mikan test-server --fixtures fixtures.yaml -- node --test fetch.test.mjs bot.test.mjs', project);
  expect(cli).toMatch(/^MISSKEY_ORIGIN=http:\/\/127\.0\.0\.1:\d+$/m);
  expect(cli).toMatch(/# pass 6\n# fail 0|ℹ pass 6\nℹ fail 0/);
  const library = await sh('npx node --test misskey-js.test.mjs', project);
  expect(library).toMatch(/# pass 5\n# fail 0|ℹ pass 5\nℹ fail 0/);
  // Nothing left behind: every test server removed its data directory.
  expect(fs.readdirSync(os.tmpdir()).filter((name) => /^mikan-test-(?!server-cache)/.test(name) && fs.statSync(path.join(os.tmpdir(), name)).mtimeMs >= began)).toEqual([]);
  console.log(`examples from the packed tarball: pack + install ${Math.round((installed - began) / 1000)} s, suites ${Math.round((Date.now() - installed) / 1000)} s`);
}, 300_000);
