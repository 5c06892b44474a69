import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface WrittenFile { path: string; size: number; md5: string }

/**
 * Writes the chunks to a new file in `dir` as they come, hashing on the way: an export never holds
 * more than one batch in memory, however large it is. The file is removed if writing fails.
 */
export async function writeChunksToFile(dir: string, chunks: AsyncIterable<string>): Promise<WrittenFile> {
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `export-${randomUUID()}`);
  const hash = createHash('md5');
  let size = 0;
  async function* encoded(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      const buffer = Buffer.from(chunk, 'utf8');
      hash.update(buffer);
      size += buffer.length;
      yield buffer;
    }
  }
  try {
    await pipeline(encoded(), createWriteStream(filePath));
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
  return { path: filePath, size, md5: hash.digest('hex') };
}

/**
 * A JSON array written batch by batch, as Misskey writes its JSON exports: `[`, the elements
 * separated by `,\n`, `]`.
 */
export async function* jsonArray(batches: AsyncIterable<readonly unknown[]>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    yield (first ? '' : ',\n') + batch.map((element) => JSON.stringify(element)).join(',\n');
    first = false;
  }
  yield ']';
}

/** CSV lines, one batch per chunk, each line ending in `\n` (Misskey's exports use LF, no header). */
export async function* csvLines(batches: AsyncIterable<readonly string[]>): AsyncGenerator<string> {
  for await (const batch of batches) {
    if (batch.length > 0) yield batch.map((line) => `${line}\n`).join('');
  }
}
