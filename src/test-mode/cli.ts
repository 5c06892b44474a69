import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startTestServer } from './server.js';
import { readFixtureFile } from './fixtures.js';

export const TEST_SERVER_USAGE = `Usage: mikan test-server [--port N] [--fixtures FILE] [--rate-limits] [--log-level LEVEL] [-- COMMAND ARGS...]

Starts a throwaway Mikan for an app's, bot's or SDK's tests: a free port (or --port), a fresh data
directory removed on exit, an administrator, rate limits off, mail captured, and the test-only
endpoints (POST /api/reset-db, /api/_test/*; docs/test-server.md).

Prints MISSKEY_ORIGIN=... and MISSKEY_TOKEN=... (the administrator's token) on standard output and
runs until stopped (Ctrl-C, SIGTERM). With a COMMAND after --, runs it with those two variables in
its environment, stops the server when it exits and exits with its status.

--fixtures FILE   a JSON or YAML file of users, follows, files, notes and clips to create (they are
                  part of the state reset-db returns to); their ids and tokens are printed as
                  MISSKEY_FIXTURES=<json>`;

interface Output { log(message: string): void; error(message: string): void }

export async function runTestServer(argv: string[], out: Output = console): Promise<number> {
  const split = argv.indexOf('--');
  const ownArgs = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  let values: { port?: string; fixtures?: string; 'rate-limits'?: boolean; 'log-level'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: ownArgs,
      options: { port: { type: 'string' }, fixtures: { type: 'string' }, 'rate-limits': { type: 'boolean' }, 'log-level': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${TEST_SERVER_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(TEST_SERVER_USAGE);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    out.error(`--port must be an integer 0-65535, got "${values.port}"`);
    return 2;
  }
  const server = await startTestServer({
    port,
    rateLimits: values['rate-limits'] ?? false,
    logLevel: values['log-level'] ?? 'silent',
    fixtures: values.fixtures ? readFixtureFile(values.fixtures) : undefined,
  });
  const env = { MISSKEY_ORIGIN: server.origin, MISSKEY_TOKEN: server.token, ...(values.fixtures ? { MISSKEY_FIXTURES: JSON.stringify(server.fixtures) } : {}) };
  for (const [name, value] of Object.entries(env)) out.log(`${name}=${value}`);
  out.error(`Mikan test server ready on ${server.origin} in ${server.readyMs} ms (test mode: rate limits ${values['rate-limits'] ? 'on' : 'off'}, mail captured, data in ${server.dataDir}, removed on exit)`);

  let stopping: Promise<number> | null = null;
  const stop = (code: number) => (stopping ??= server.close().then(() => code, (error) => { out.error(String(error)); return 1; }));

  if (command.length > 0) {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    const status = await new Promise<number>((resolve) => {
      child.on('error', (error) => { out.error(`cannot run ${command[0]}: ${error.message}`); resolve(127); });
      child.on('exit', (code, signal) => resolve(signal ? 128 + (os.constants.signals[signal] ?? 0) : code ?? 1));
    });
    return stop(status);
  }
  return new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0).then(resolve));
  });
}
