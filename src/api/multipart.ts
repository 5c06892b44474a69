import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { uploadTempDir } from '../storage/index.js';
import { maxUploadBytes } from '../core/drive/files.js';
import { ApiError, apiErrors } from './errors.js';
import { handleApiCall, type PreparedEndpoint } from './call.js';

/** The one file of a multipart call, received to a temporary file while its MD5 and size were computed. */
export interface UploadedFile {
  /** Temporary file; removed after the call whatever happened (the drive moves it away when it keeps it). */
  path: string;
  size: number;
  md5: string;
  /** The client's file name ('blob' for a nameless Blob) and claimed type; neither is trusted. */
  filename: string;
  claimedType: string;
  /** The upload went over the size limit: reading stopped and nothing was kept. */
  tooLarge: boolean;
}

const uploads = new WeakMap<FastifyRequest, UploadedFile>();

/** The file received with this request, if it was a multipart upload. */
export function uploadedFile(request: FastifyRequest): UploadedFile | null {
  return uploads.get(request) ?? null;
}

/**
 * An upload endpoint (`requireFile`): receives the multipart body — fields, and one file streamed
 * to a temporary file with its MD5 computed on the way, so memory stays flat whatever the size —
 * then runs the ordinary call pipeline with the fields as params. Reading stops counting at the
 * size limit (the rest of the body is drained and dropped). The temporary file never outlives the call.
 */
export async function handleMultipartApiCall(ctx: AppContext, prepared: PreparedEndpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.isMultipart()) throw new ApiError(apiErrors.multipartNotMultipart);
  const limit = maxUploadBytes(ctx);
  const fields: Record<string, unknown> = {};
  let file: UploadedFile | null = null;
  let extraFiles = false;
  const tempDir = uploadTempDir(ctx);
  try {
    for await (const part of request.parts({ limits: { fileSize: limit, files: 8, fields: 64, fieldSize: 1024 * 1024 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (file) {
        extraFiles = true;
        part.file.resume();
        continue;
      }
      await mkdir(tempDir, { recursive: true });
      const tempPath = path.join(tempDir, `upload-${randomUUID()}`);
      file = { path: tempPath, size: 0, md5: '', filename: part.filename, claimedType: part.mimetype, tooLarge: false };
      const hash = createHash('md5');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(part.file, meter, createWriteStream(tempPath));
      file.size = size;
      file.md5 = hash.digest('hex');
      if (part.file.truncated) {
        file.tooLarge = true;
        await rm(tempPath, { force: true });
      }
    }
    if (extraFiles) throw new ApiError(apiErrors.multipartTooManyFiles);
    if (file) uploads.set(request, file);
    (request as { body: unknown }).body = fields;
    await handleApiCall(ctx, prepared, request, reply);
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}
