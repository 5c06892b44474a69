import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import type { AppContext } from '../context.js';
import { uploadTempDir } from '../storage/index.js';
import { largestUploadBytes } from '../core/drive/files.js';
import { ApiError, apiErrors, isStorageFull } from './errors.js';
import { authorizeCall, bearerToken, handleApiCall, type PreparedEndpoint } from './call.js';
import type { Authenticated } from '../core/auth/authenticate.js';

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
 * then runs the ordinary call pipeline with the fields as params.
 *
 * Nothing is read that will be thrown away: a credential in the `Authorization` header is checked
 * (with every other refusal of the auth layer) before the body is read at all, and one sent as the
 * field `i` before the file part is checked before the file is read. At the first refusal, or when
 * the file passes the size limit, reading stops and the answer goes out with `Connection: close`, so
 * the rest of the body is never received. A body the parser cannot read (no boundary, a truncated
 * or malformed part, too many parts) is INVALID_PARAM, never a 500. The temporary file never
 * outlives the call.
 */
export async function handleMultipartApiCall(ctx: AppContext, prepared: PreparedEndpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.isMultipart()) throw new ApiError(apiErrors.multipartNotMultipart);
  const { endpoint } = prepared;
  const limit = largestUploadBytes(ctx);
  const fields: Record<string, unknown> = {};
  let file: UploadedFile | null = null;
  let extraFiles = false;
  let authorized: Authenticated | null | undefined;
  let bodyRead = false;
  const tempDir = uploadTempDir(ctx);

  // Refuses (and stops reading) as soon as the caller is known to be refused.
  const authorizeEarly = async (credential: unknown) => {
    if (authorized !== undefined || typeof credential !== 'string') return;
    authorized = await authorizeCall(ctx, endpoint, request, credential);
  };

  try {
    await authorizeEarly(bearerToken(request));
    let parts: AsyncIterableIterator<Multipart>;
    try {
      parts = request.parts({ limits: { fileSize: limit, files: 8, fields: 64, fieldSize: 1024 * 1024, parts: 80, headerPairs: 100 } });
    } catch (error) {
      throw malformed(error);
    }
    reading: for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await parts.next();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw new ApiError(apiErrors.multipartTooManyFiles);
        throw malformed(error);
      }
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (file) {
        extraFiles = true;
        part.file.resume();
        continue;
      }
      await authorizeEarly(fields.i);
      await mkdir(tempDir, { recursive: true });
      const tempPath = path.join(tempDir, `upload-${randomUUID()}`);
      file = { path: tempPath, size: 0, md5: '', filename: part.filename, claimedType: part.mimetype, tooLarge: false };
      const received = file;
      const hash = createHash('md5');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      // Past the limit: stop parsing now rather than drain the rest of the upload.
      part.file.once('limit', () => {
        received.tooLarge = true;
        part.file.destroy();
      });
      try {
        await pipeline(part.file, meter, createWriteStream(tempPath));
      } catch (error) {
        if (!received.tooLarge) throw malformed(error);
      }
      file.size = size;
      file.md5 = hash.digest('hex');
      if (file.tooLarge || part.file.truncated) {
        file.tooLarge = true;
        await rm(tempPath, { force: true });
        stopReading(request, reply);
        break reading;
      }
    }
    if (extraFiles) throw new ApiError(apiErrors.multipartTooManyFiles);
    bodyRead = true;
    if (file) uploads.set(request, file);
    (request as { body: unknown }).body = fields;
    await handleApiCall(ctx, prepared, request, reply, authorized);
  } catch (error) {
    // Refused before the end of the body: the rest is not read, the connection not reused.
    if (!bodyRead) stopReading(request, reply);
    throw error;
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}

/** Stops receiving the request's body (the parser no longer gets it) and closes the connection after the answer. */
function stopReading(request: FastifyRequest, reply: FastifyReply): void {
  request.raw.unpipe();
  request.raw.pause();
  reply.header('Connection', 'close');
}

/** A body the multipart parser could not read, as the caller's error. The connection is closed: what follows in it cannot be trusted. */
function malformed(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // The body was fine; the disk receiving it was not.
  if (isStorageFull(error)) return new ApiError(apiErrors.storageFull);
  const reason = error instanceof Error ? error.message : String(error);
  return new ApiError(apiErrors.multipartMalformed, { reason });
}
