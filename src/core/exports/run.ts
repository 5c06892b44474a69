import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userExports, type NotificationRow } from '../../db/schema/index.js';
import { uniqueViolation } from '../../db/errors.js';
import { uploadTempDir } from '../../storage/index.js';
import { addFile } from '../drive/files.js';
import { announceNotification, createNotification, type ExportedEntity } from '../notifications/create.js';
import { findUserById } from '../users/read.js';
import { csvLines, jsonArray, writeChunksToFile, type WrittenFile } from './file-writer.js';
import { buildEmojiExportZip, writeBytesToTempFile } from '../emojis/transfer.js';
import type { ProgressReporter } from './progress.js';
import { antennaExportElements } from '../antennas/transfer.js';
import { blockingRows, clipChunks, countNotes, favoriteElements, followingRows, mutingRows, noteElements, userListRows } from './sources.js';

/** The exports Mikan can make. */
export type ExportEntity = Extract<ExportedEntity, 'following' | 'muting' | 'blocking' | 'userList' | 'note' | 'favorite' | 'clip' | 'antenna' | 'customEmoji'>;

/** A job's data: `exportId` is fixed when the export is requested, so a retried job is recognised. */
export interface ExportJobData {
  exportId: string;
  userId: string;
  entity: ExportEntity;
  excludeMuting?: boolean;
  excludeInactive?: boolean;
}

/** Misskey's file names: `<prefix>-yyyy-MM-dd-HH-mm-ss.<ext>` (UTC here). */
function fileName(prefix: string, ext: 'csv' | 'json' | 'zip', at = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}-${pad(at.getUTCHours())}-${pad(at.getUTCMinutes())}-${pad(at.getUTCSeconds())}`;
  return `${prefix}-${stamp}.${ext}`;
}

/** The export's content as chunks, and the name Misskey gives its file. */
function exportContent(ctx: AppContext, data: ExportJobData & { entity: Exclude<ExportEntity, 'customEmoji'> }, reporter: ProgressReporter): { name: string; chunks: AsyncIterable<string> } {
  switch (data.entity) {
    case 'following': return {
      name: fileName('following', 'csv'),
      chunks: csvLines(followingRows(ctx, data.userId, { excludeMuting: data.excludeMuting ?? false, excludeInactive: data.excludeInactive ?? false })),
    };
    case 'muting': return { name: fileName('mute', 'csv'), chunks: csvLines(mutingRows(ctx, data.userId)) };
    case 'blocking': return { name: fileName('blocking', 'csv'), chunks: csvLines(blockingRows(ctx, data.userId)) };
    case 'userList': return { name: fileName('user-lists', 'csv'), chunks: csvLines(userListRows(ctx, data.userId)) };
    case 'antenna': return { name: fileName('antennas', 'json'), chunks: jsonArray(antennaExportElements(ctx, data.userId)) };
    case 'favorite': return { name: fileName('favorites', 'json'), chunks: jsonArray(favoriteElements(ctx, data.userId)) };
    case 'clip': return { name: fileName('clips', 'json'), chunks: clipChunks(ctx, data.userId) };
    case 'note': return { name: fileName('notes', 'json'), chunks: jsonArray(withNoteProgress(ctx, data.userId, reporter)) };
  }
}

async function* withNoteProgress(ctx: AppContext, userId: string, reporter: ProgressReporter): AsyncGenerator<Record<string, unknown>[]> {
  const total = await countNotes(ctx, userId);
  let done = 0;
  for await (const batch of noteElements(ctx, userId)) {
    yield batch;
    done += batch.length;
    await reporter.progress(total === 0 ? 100 : Math.min(99, Math.floor((done / total) * 100)), `${done} of ${total} notes`);
  }
}

export async function isExportDone(ctx: AppContext, exportId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: userExports.id }).from(userExports).where(eq(userExports.id, exportId));
  return row !== undefined;
}

/**
 * Runs one export: streams the content into a temporary file, then stores it in the user's drive
 * (root folder, as Misskey) with its `user_exports` record and the `exportCompleted` notification
 * in the file's own transaction. Run again with the same `exportId` (a retry after a crash) it
 * stores nothing more: either the first run committed all three, or none of them.
 */
export async function runExport(ctx: AppContext, data: ExportJobData, reporter: ProgressReporter): Promise<void> {
  if (await isExportDone(ctx, data.exportId)) return;
  const user = await findUserById(ctx, data.userId);
  if (!user) return; // the account was deleted meanwhile
  let name: string;
  let written: WrittenFile;
  if (data.entity === 'customEmoji') {
    // Misskey's ExportCustomEmojis: a zip of the images and meta.json.
    name = fileName('custom-emojis', 'zip');
    written = await writeBytesToTempFile(ctx, await buildEmojiExportZip(ctx));
  } else {
    const content = exportContent(ctx, { ...data, entity: data.entity }, reporter);
    name = content.name;
    written = await writeChunksToFile(uploadTempDir(ctx), content.chunks);
  }
  let notification: NotificationRow | null = null;
  try {
    await addFile(ctx, {
      userId: data.userId, path: written.path, size: written.size, md5: written.md5, name, force: true,
      knownType: name.endsWith('.zip') ? { mime: 'application/zip', ext: 'zip' } : name.endsWith('.json') ? { mime: 'application/json', ext: 'json' } : { mime: 'text/csv', ext: 'csv' },
      inTransaction: async (tx, file) => {
        await tx.insert(userExports).values({ id: data.exportId, userId: data.userId, entity: data.entity, fileId: file.id });
        notification = await createNotification(ctx, tx, { notifieeId: data.userId, type: 'exportCompleted', exportedEntity: data.entity, fileId: file.id }, { announce: false });
      },
    });
  } catch (error) {
    // Another run of the same export committed first: it is done, once.
    if (uniqueViolation(error) !== null && await isExportDone(ctx, data.exportId)) return;
    throw error;
  }
  // Announced once committed: a client fetches the file as soon as it hears of it.
  if (notification) announceNotification(ctx, notification);
  await reporter.progress(100);
}
