import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, and, eq, isNull } from 'drizzle-orm';
import type { Zippable } from 'fflate';
import type { AppContext } from '../../context.js';
import { emojis, type DriveFileRow, type EmojiRow } from '../../db/schema/index.js';
import { storageOf, uploadTempDir } from '../../storage/index.js';
import { addFile, findFileById, findFileByUrl } from '../drive/files.js';
import { addEmoji, emojiFileFields } from './manage.js';

/** Largest emoji pack `admin/emoji/import-zip` reads (the whole zip is unpacked in memory). */
export const EMOJI_ZIP_MAX_BYTES = 256 * 1024 * 1024;

/** Extensions for the image types emojis come in (Misskey names exported files `<name>.<ext of type>`). */
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png', 'image/apng': 'apng', 'image/gif': 'gif', 'image/jpeg': 'jpeg', 'image/webp': 'webp',
  'image/avif': 'avif', 'image/svg+xml': 'svg', 'image/bmp': 'bmp', 'image/vnd.microsoft.icon': 'ico',
};

async function readBlob(ctx: AppContext, key: string, maxBytes: number): Promise<Buffer | null> {
  const blob = await storageOf(ctx).read(key);
  if (!blob) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blob.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) { blob.body.destroy(); return null; }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The emoji row as Misskey's export writes it (its MiEmoji entity, JSON-serialised). */
function serializeEmoji(emoji: EmojiRow): Record<string, unknown> {
  return {
    id: emoji.id,
    updatedAt: emoji.updatedAt?.toISOString() ?? null,
    name: emoji.name,
    host: emoji.host,
    category: emoji.category,
    originalUrl: emoji.originalUrl,
    publicUrl: emoji.publicUrl,
    uri: emoji.uri,
    type: emoji.type,
    aliases: emoji.aliases,
    license: emoji.license,
    localOnly: emoji.localOnly,
    isSensitive: emoji.isSensitive,
    roleIdsThatCanBeUsedThisEmojiAsReaction: emoji.roleIdsThatCanBeUsedThisEmojiAsReaction,
    roleIdsThatCanNotBeUsedThisEmojiAsReaction: emoji.roleIdsThatCanNotBeUsedThisEmojiAsReaction,
    requestedBy: emoji.requestedBy,
    memo: emoji.memo,
  };
}

/**
 * `export-custom-emojis`: every local emoji's image and a `meta.json`, zipped, in Misskey's format
 * (`{ metaVersion: 2, host, exportedAt, emojis: [{ fileName, downloaded, emoji }] }`). An image
 * whose blob is gone is listed with `downloaded: false`, as Misskey lists one it could not fetch.
 */
export async function buildEmojiExportZip(ctx: AppContext): Promise<Uint8Array> {
  const rows = await ctx.db.select().from(emojis).where(isNull(emojis.host)).orderBy(asc(emojis.id));
  const files: Zippable = {};
  const records: Record<string, unknown>[] = [];
  const used = new Set<string>(['meta.json']);
  for (const emoji of rows) {
    const file = await findFileByUrl(ctx, emoji.originalUrl);
    const bytes = file ? await readBlob(ctx, file.accessKey, EMOJI_ZIP_MAX_BYTES) : null;
    const ext = EXTENSIONS[file?.type ?? emoji.type ?? ''];
    let fileName = `${emoji.name}${ext ? `.${ext}` : ''}`;
    // Names are unique among local emojis; the guard keeps two entries from sharing one zip entry anyway.
    if (used.has(fileName)) fileName = `${emoji.id}-${fileName}`;
    used.add(fileName);
    if (bytes) files[fileName] = [bytes, { level: 0 }];
    records.push({ fileName, downloaded: bytes != null, emoji: serializeEmoji(emoji) });
  }
  const meta = { metaVersion: 2, host: ctx.config.hostname, exportedAt: new Date().toString(), emojis: records };
  files['meta.json'] = Buffer.from(JSON.stringify(meta), 'utf8');
  const { zipSync } = await import('fflate');
  return zipSync(files, { level: 6 });
}

export interface EmojiImportSummary { imported: number; skipped: number }

interface PackRecord {
  downloaded?: unknown;
  fileName?: unknown;
  emoji?: {
    name?: unknown; category?: unknown; aliases?: unknown; license?: unknown; isSensitive?: unknown; localOnly?: unknown;
  };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * `admin/emoji/import-zip`, Misskey's ImportCustomEmojis: for each downloaded entry of `meta.json`
 * with a safe file name and a valid emoji name, the image goes into the importer's drive and the
 * emoji is added, replacing a local emoji of the same name. Role lists are not imported (role ids
 * belong to the exporting server), as in Misskey. A file that is not such a zip imports nothing.
 */
export async function importEmojiZip(ctx: AppContext, userId: string, fileId: string): Promise<EmojiImportSummary> {
  const summary: EmojiImportSummary = { imported: 0, skipped: 0 };
  const file: DriveFileRow | null = await findFileById(ctx, fileId);
  if (!file) return summary;
  const zipBytes = await readBlob(ctx, file.accessKey, EMOJI_ZIP_MAX_BYTES);
  if (!zipBytes) return summary;
  let entries: Record<string, Uint8Array>;
  let records: PackRecord[];
  try {
    entries = (await import('fflate')).unzipSync(zipBytes);
    const meta = JSON.parse(Buffer.from(entries['meta.json'] ?? new Uint8Array()).toString('utf8')) as { emojis?: unknown };
    records = Array.isArray(meta.emojis) ? meta.emojis as PackRecord[] : [];
  } catch (error) {
    ctx.log.info({ err: error, fileId }, 'emoji import: not a zip with a readable meta.json');
    return summary;
  }
  const tempDir = uploadTempDir(ctx);
  await mkdir(tempDir, { recursive: true });
  for (const record of records) {
    const fileName = str(record.fileName);
    const info = record.emoji ?? {};
    const name = str(info.name);
    const bytes = fileName != null ? entries[fileName] : undefined;
    // Misskey's checks: downloaded, a file name without paths, an emoji name of [a-zA-Z0-9_].
    if (record.downloaded !== true || fileName == null || !/^[a-zA-Z0-9_]+?([a-zA-Z0-9.]+)?$/.test(fileName)
      || name == null || !/^[a-zA-Z0-9_]+$/.test(name) || !bytes) {
      summary.skipped++;
      continue;
    }
    const tempPath = path.join(tempDir, `emoji-${randomUUID()}`);
    try {
      await writeFile(tempPath, bytes);
      const driveFile = await addFile(ctx, {
        userId, path: tempPath, size: bytes.length, md5: createHash('md5').update(bytes).digest('hex'),
        name: fileName, force: true, uploaderIsModerator: true,
      });
      await ctx.db.delete(emojis).where(and(eq(emojis.name, name), isNull(emojis.host)));
      const added = await addEmoji(ctx, {
        name,
        category: str(info.category),
        aliases: Array.isArray(info.aliases) ? info.aliases.filter((alias): alias is string => typeof alias === 'string') : [],
        license: str(info.license),
        isSensitive: info.isSensitive === true,
        localOnly: info.localOnly === true,
        file: emojiFileFields(ctx, driveFile),
      }, null);
      if (added === 'duplicateName') summary.skipped++; else summary.imported++;
    } catch (error) {
      ctx.log.info({ err: error, fileName }, 'emoji import: an entry could not be imported');
      summary.skipped++;
    } finally {
      await rm(tempPath, { force: true });
    }
  }
  return summary;
}

/** Writes bytes to a new temporary file, with the size and MD5 an export stores. */
export async function writeBytesToTempFile(ctx: AppContext, bytes: Uint8Array): Promise<{ path: string; size: number; md5: string }> {
  const dir = uploadTempDir(ctx);
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `export-${randomUUID()}`);
  await writeFile(filePath, bytes);
  return { path: filePath, size: bytes.length, md5: createHash('md5').update(bytes).digest('hex') };
}
