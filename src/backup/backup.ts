import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { MIGRATIONS_FOLDER } from '../db/postgres.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, manifestPath, sha256File, type FileEntry, type Manifest, type TableEntry } from './format.js';

interface Journal { entries: { idx: number; when: number; tag: string }[] }

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes a backup of the database reached by `connection` and of the drive files in `filesDir`
 * (null when they live in S3) into the new directory `target`.
 *
 * Every table is read inside one REPEATABLE READ transaction, so the rows are one consistent
 * snapshot while the server keeps serving. Files are copied after it: a file uploaded meanwhile
 * may be in the backup without its row (harmless); one deleted meanwhile is missing (it was
 * being deleted).
 */
export async function writeBackup(options: { connection: pg.ClientConfig; filesDir: string | null; target: string; mikanVersion: string; log: (message: string) => void }): Promise<Manifest> {
  const { target, log } = options;
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`${target} exists and is not empty; give a new directory`);
  fs.mkdirSync(path.join(target, 'data'), { recursive: true });

  const client = new pg.Client(options.connection);
  await client.connect();
  let manifest: Manifest;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const postgresVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version.split(' ')[0]!;
    const migrations = await copyMigrations(client, path.join(target, 'migrations'));
    const tables: TableEntry[] = [];
    for (const table of await listTables(client)) {
      const file = `data/${table.schema}.${table.name}.copy`;
      const name = `${quote(table.schema)}.${quote(table.name)}`;
      const { rows, sha256 } = await copyTable(client, `COPY ${name} (${table.columns.map(quote).join(', ')}) TO STDOUT`, path.join(target, file));
      tables.push({ name, columns: table.columns, file, rows, sha256 });
    }
    const sequences = (await client.query<{ name: string; value: string | null }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value FROM pg_sequences
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'drizzle', 'pgboss') ORDER BY 1`,
    )).rows;
    await client.query('COMMIT');
    log(`database: ${tables.length} tables, ${tables.reduce((sum, table) => sum + table.rows, 0)} rows (PostgreSQL ${postgresVersion}, ${migrations.length} migrations)`);
    manifest = {
      format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), mikanVersion: options.mikanVersion,
      postgresVersion, migrations, tables, sequences, fileStorage: options.filesDir ? 'local' : 's3', files: [],
    };
  } finally {
    await client.end();
  }

  if (options.filesDir) {
    manifest.files = await copyFiles(options.filesDir, path.join(target, 'files'));
    log(`files: ${manifest.files.length} (${manifest.files.reduce((sum, file) => sum + file.size, 0)} bytes)`);
  }
  // Written last: a directory without a manifest is an unfinished backup, and restore refuses it.
  fs.writeFileSync(manifestPath(target), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function listTables(client: pg.Client): Promise<{ schema: string; name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ schema: string; name: string; columns: string[] }>(
    `SELECT c.table_schema AS schema, c.table_name AS name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema', 'drizzle', 'pgboss') AND c.is_generated = 'NEVER'
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows;
}

/** The migrations this database has applied, copied with a journal trimmed to them; returns their tags. */
async function copyMigrations(client: pg.Client, target: string): Promise<string[]> {
  const applied = (await client.query<{ created_at: string }>('SELECT created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at')).rows.map((row) => Number(row.created_at));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
  const entries = journal.entries.filter((entry) => applied.includes(entry.when));
  if (entries.length !== applied.length) {
    throw new Error(`the database has ${applied.length} migrations applied but this Mikan knows ${entries.length} of them: back it up with the Mikan version that runs it`);
  }
  fs.mkdirSync(path.join(target, 'meta'), { recursive: true });
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(target, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(target, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }, null, 2));
  return entries.map((entry) => entry.tag);
}

async function copyTable(client: pg.Client, sql: string, file: string): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      // One row per line in COPY text format: newlines inside values are escaped as \n.
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  await pipeline(client.query(copyTo(sql)), count, fs.createWriteStream(file));
  return { rows, sha256: hash.digest('hex') };
}

async function copyFiles(source: string, target: string): Promise<FileEntry[]> {
  fs.mkdirSync(target, { recursive: true });
  const names = fs.existsSync(source) ? fs.readdirSync(source).sort() : [];
  const files: FileEntry[] = [];
  for (const key of names) {
    // `.partial`: a write in progress (src/storage/local.ts), not a file yet.
    if (key.endsWith('.partial') || key.startsWith('.')) continue;
    const from = path.join(source, key);
    try {
      fs.copyFileSync(from, path.join(target, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted since listed
      throw error;
    }
    const to = path.join(target, key);
    files.push({ key, size: fs.statSync(to).size, sha256: await sha256File(to) });
  }
  return files;
}
