import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * A Mikan backup is a directory:
 *
 *   manifest.json      what is inside, with a SHA-256 for every file (below)
 *   migrations/        the schema migrations the database had applied (SQL + drizzle journal),
 *                      so a restore recreates exactly that schema before loading the rows
 *   data/<table>.copy  each table's rows, PostgreSQL COPY text format, all from one snapshot
 *   files/<key>        the drive's files (local storage only; S3 buckets are backed up by the store)
 *
 * Why COPY and not pg_dump: docs/decisions.md ("Backups: a snapshot of COPY streams").
 */
export const BACKUP_FORMAT = 'mikan-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface TableEntry {
  /** Quoted, schema-qualified name ("public"."notes"). */
  name: string;
  /** Columns in the order of the COPY data (generated columns left out). */
  columns: string[];
  file: string;
  rows: number;
  sha256: string;
}

export interface FileEntry { key: string; size: number; sha256: string }

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  mikanVersion: string;
  /** The PostgreSQL server the rows came from ("18.4"). */
  postgresVersion: string;
  /** Tags of the migrations applied, in order: the restoring Mikan must know every one. */
  migrations: string[];
  tables: TableEntry[];
  sequences: { name: string; value: string | null }[];
  /** Where the drive's files were: `local` ones are in files/, `s3` ones stayed in the bucket. */
  fileStorage: 'local' | 's3';
  files: FileEntry[];
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export const manifestPath = (backupDir: string) => path.join(backupDir, 'manifest.json');
