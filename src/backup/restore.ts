import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER } from '../db/postgres.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, manifestPath, sha256File, type Manifest } from './format.js';

export class BackupError extends Error {}

/** Reads a backup's manifest and checks every file in it against its SHA-256 before anything is written. */
export async function readVerifiedBackup(backupDir: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath(backupDir), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(`${backupDir} has no readable manifest.json: not a Mikan backup, or an unfinished one`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(`${backupDir} is not a Mikan backup this version can read (format ${manifest.format} ${manifest.formatVersion})`);
  }
  const known = new Set((JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((entry) => entry.tag));
  const unknown = manifest.migrations.filter((tag) => !known.has(tag));
  if (unknown.length > 0) throw new BackupError(`the backup comes from a newer Mikan (migrations ${unknown.join(', ')}): restore it with that version or a later one`);
  const checks = [
    ...manifest.tables.map((table) => ({ file: table.file, sha256: table.sha256 })),
    ...manifest.files.map((file) => ({ file: `files/${file.key}`, sha256: file.sha256 })),
  ];
  for (const { file, sha256 } of checks) {
    const actual = await sha256File(path.join(backupDir, file)).catch(() => 'missing');
    if (actual !== sha256) throw new BackupError(`${file} in the backup is ${actual === 'missing' ? 'missing' : 'damaged (its SHA-256 differs from the manifest)'}`);
  }
  return manifest;
}

/**
 * Loads a verified backup into an empty database: first the schema as it was (the backup's own
 * migrations), then every table's rows in one transaction with triggers and foreign-key checks
 * off (the rows were consistent when read), then the sequences. The next `mikan start` applies
 * the migrations this Mikan has that the backup had not.
 */
export async function loadBackup(options: { connection: pg.ClientConfig; backupDir: string; manifest: Manifest; filesDir: string | null; log: (message: string) => void }): Promise<void> {
  const { backupDir, manifest, log } = options;
  const client = new pg.Client(options.connection);
  await client.connect();
  try {
    const existing = (await client.query<{ count: string }>(`SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`)).rows[0]!.count;
    if (Number(existing) > 0) throw new BackupError('the target database is not empty');
    await migrate(drizzle(client), { migrationsFolder: path.join(backupDir, 'migrations') });
    await client.query('BEGIN');
    // Replica mode: no triggers (counters in the rows are already right), no foreign-key checks.
    await client.query('SET LOCAL session_replication_role = replica');
    // Migrations may have seeded rows (instance settings); the backup's rows replace them.
    if (manifest.tables.length > 0) await client.query(`TRUNCATE ${manifest.tables.map((table) => table.name).join(', ')}`);
    for (const table of manifest.tables) {
      const columns = table.columns.map((column) => `"${column.replace(/"/g, '""')}"`).join(', ');
      await pipeline(fs.createReadStream(path.join(backupDir, table.file)), client.query(copyFrom(`COPY ${table.name} (${columns}) FROM STDIN`)));
    }
    for (const sequence of manifest.sequences) {
      if (sequence.value !== null) await client.query('SELECT setval($1::regclass, $2::bigint)', [sequence.name, sequence.value]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  log(`database: ${manifest.tables.length} tables, ${manifest.tables.reduce((sum, table) => sum + table.rows, 0)} rows`);

  if (options.filesDir && manifest.files.length > 0) {
    fs.mkdirSync(options.filesDir, { recursive: true });
    for (const file of manifest.files) fs.copyFileSync(path.join(backupDir, 'files', file.key), path.join(options.filesDir, file.key));
    log(`files: ${manifest.files.length}`);
  }
}
