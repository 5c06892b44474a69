import { parse } from 'csv-parse/sync';

/** `username` or `username@host` as a Misskey import reads it (a leading `@` allowed); null when it is not one. */
export interface Acct { username: string; host: string | null }

// Usernames: letters, digits, `_`, and (remote servers) `-` and `.` inside; hosts: a DNS name or address, with a port.
const ACCT = /^@?([\w](?:[\w.-]*[\w])?)(?:@([\w.-]+(?::\d{1,5})?))?$/u;

export function parseAcct(text: string): Acct | null {
  const match = ACCT.exec(text.trim());
  if (!match) return null;
  return { username: match[1]!, host: match[2]?.toLowerCase() ?? null };
}

export interface ParsedRows {
  /** Data rows, fields trimmed; a header row is already left out. */
  rows: string[][];
  /** Records the CSV parser could not read (an unclosed quote), skipped. */
  unreadable: number;
}

/**
 * Reads an import file as Misskey's (and Mastodon's) exports write it: a UTF-8 BOM or not, LF, CRLF or
 * CR line ends (mixed too), blank lines, quoted fields, and an optional header row — recognised
 * because its account column is not an account (Mastodon's `Account address`, Misskey writes none).
 * `acctColumn` is the column holding the account (0, or 1 in a user-lists file).
 */
export function parseImportRows(text: string, acctColumn: number): ParsedRows {
  let unreadable = 0;
  const records = parse(text, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: () => { unreadable++; },
  }) as string[][];
  const rows = records.filter((row) => row.some((field) => field !== ''));
  const first = rows[0];
  if (first && parseAcct(first[acctColumn] ?? '') === null && looksLikeHeader(first[acctColumn] ?? '')) rows.shift();
  return { rows, unreadable };
}

/** A header names its column in words (`Account address`, `acct`, `account`), never as `@name@host`. */
function looksLikeHeader(field: string): boolean {
  return !field.includes('@') || /\s/.test(field);
}
