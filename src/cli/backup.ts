import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import type { Config } from '../config.js';
import { DataDirInUseError, lockDataDir } from '../db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { writeBackup } from '../backup/backup.js';
import { BackupError, loadBackup, readVerifiedBackup } from '../backup/restore.js';

export const BACKUP_USAGE = `Usage: mikan backup DIRECTORY
       mikan restore DIRECTORY [--force]

backup   writes the database (one consistent snapshot, taken while Mikan runs or not) and the
         drive's files into DIRECTORY, a new directory, with a manifest of SHA-256 checksums.
restore  loads such a backup into MIKAN_DATA_DIR for the embedded PostgreSQL. The data directory
         must be empty or missing; --force deletes what is in it first. Mikan must not be running.`;

interface Output { log(message: string): void; error(message: string): void }

const mikanVersion = () => (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where a running Mikan's embedded PostgreSQL listens, from its postmaster.pid (port, socket directory, address). */
function runningEmbedded(dataDir: string): pg.ClientConfig {
  const lines = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(lines[3]);
  const socketDir = lines[4]?.trim();
  return {
    host: socketDir || '127.0.0.1', port, user: 'postgres', database: 'postgres',
    password: fs.readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim(),
  };
}

function parse(argv: string[], out: Output, withForce: boolean): { directory: string; force: boolean } | number {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, ...(withForce ? { force: { type: 'boolean' } } : {}) } });
    if (values.help) { out.log(BACKUP_USAGE); return 0; }
    if (positionals.length !== 1) throw new Error('one DIRECTORY is needed');
    return { directory: path.resolve(positionals[0]!), force: Boolean((values as { force?: boolean }).force) };
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${BACKUP_USAGE}`);
    return 2;
  }
}

/** `mikan backup DIRECTORY`; returns the exit code. */
export async function runBackup(config: Config, argv: string[], out: Output = console): Promise<number> {
  const args = parse(argv, out, false);
  if (typeof args === 'number') return args;
  const filesDir = config.s3 ? null : path.join(config.dataDir, 'files');
  let connection: pg.ClientConfig;
  let stop = async () => {};
  if (config.databaseUrl) {
    connection = { connectionString: config.databaseUrl };
  } else {
    try {
      const embedded = await startEmbeddedPostgres(config.dataDir, out.error);
      connection = embedded.connection;
      stop = embedded.stop;
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      // Mikan is running: read from its PostgreSQL, inside one snapshot like any other reader.
      connection = runningEmbedded(config.dataDir);
    }
  }
  try {
    await writeBackup({ connection, filesDir, target: args.directory, mikanVersion: mikanVersion(), log: out.log });
    out.log(`backup written to ${args.directory}`);
    return 0;
  } catch (error) {
    out.error(`backup failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await stop();
  }
}

/** `mikan restore DIRECTORY [--force]`; returns the exit code. */
export async function runRestore(config: Config, argv: string[], out: Output = console): Promise<number> {
  const args = parse(argv, out, true);
  if (typeof args === 'number') return args;
  if (config.databaseUrl) {
    out.error('mikan restore loads a backup into the embedded PostgreSQL: unset DATABASE_URL (an external PostgreSQL is restored with its own tools)');
    return 2;
  }
  const dataDir = config.dataDir;
  try {
    const manifest = await readVerifiedBackup(args.directory);
    const contents = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
    if (contents.length > 0) {
      if (!args.force) {
        out.error(`MIKAN_DATA_DIR ${dataDir} is not empty: restore into an empty directory, or add --force to delete what is in it`);
        return 1;
      }
      // Under the lock: never delete the data of a running Mikan.
      const lock = await lockDataDir(dataDir);
      try {
        for (const name of contents) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
      } finally {
        await lock.release();
      }
    }
    const embedded = await startEmbeddedPostgres(dataDir, out.error);
    try {
      await loadBackup({ connection: embedded.connection, backupDir: args.directory, manifest, filesDir: config.s3 ? null : path.join(dataDir, 'files'), log: out.log });
    } finally {
      await embedded.stop();
    }
    out.log(`restored ${args.directory} (made ${manifest.createdAt} by Mikan ${manifest.mikanVersion}) into ${dataDir}`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof DataDirInUseError) {
      out.error(`restore failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
