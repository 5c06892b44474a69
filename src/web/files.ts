import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { findFileByKey } from '../core/drive/files.js';
import { closeStorage, storageOf, FILES_PATH, type BlobRange } from '../storage/index.js';

/**
 * Types a browser may show inline from Mikan's origin: images, audio, video and plain text (none
 * can run script). Anything else — HTML, SVG, XML, PDF, unknown — is sent as an
 * application/octet-stream attachment. Every answer also carries `nosniff` and a sandboxing CSP,
 * so even a browser that ignored both could not run an uploaded document's script here.
 */
const BROWSER_SAFE = new Set([
  'image/png', 'image/gif', 'image/jpeg', 'image/webp', 'image/avif', 'image/apng', 'image/bmp', 'image/tiff', 'image/x-icon', 'image/vnd.microsoft.icon',
  'audio/opus', 'video/ogg', 'audio/ogg', 'application/ogg', 'video/quicktime', 'video/mp4', 'audio/mp4', 'video/x-m4v', 'audio/x-m4a',
  'video/3gpp', 'video/3gpp2', 'video/mpeg', 'audio/mpeg', 'video/webm', 'audio/webm', 'audio/aac', 'audio/x-flac', 'audio/flac', 'audio/vnd.wave', 'audio/wav',
  'text/plain', 'text/csv', 'text/markdown', 'application/json',
]);
const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'text/markdown', 'application/json']);

export const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * One `bytes=` range of a body of `size` bytes: the range, 'unsatisfiable', or null to send the whole
 * body (no header, a malformed one, or several ranges, which HTTP lets a server ignore).
 */
export function parseRange(header: string | undefined, size: number): BlobRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return null;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', FILE_CSP)
    .header('Cache-Control', 'public, max-age=300')
    .type('text/plain; charset=utf-8')
    .send('Not found');
}

function fresh(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
  const since = request.headers['if-modified-since'];
  if (since) {
    const time = Date.parse(since);
    return Number.isFinite(time) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(time / 1000);
  }
  return false;
}

/** GET/HEAD /files/:key — drive blobs (originals, thumbnails, web-public versions), with ranges and caching. */
export async function filesPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  app.addHook('onClose', async () => { await closeStorage(ctx); });
  app.route<{ Params: { key: string } }>({
    method: ['GET', 'HEAD'],
    url: `${FILES_PATH}/:key`,
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const { key } = request.params;
      if (!/^[A-Za-z0-9._-]{1,200}$/.test(key) || key.startsWith('.')) return notFound(reply);
      const file = await findFileByKey(ctx, key);
      if (!file) return notFound(reply);
      const storage = storageOf(ctx);

      let type: string;
      let name = file.name;
      let size: number;
      let etag: string;
      if (key === file.accessKey) {
        type = file.type;
        size = file.size;
        etag = `"${file.md5}"`;
      } else {
        const stat = await storage.stat(key);
        if (!stat) return notFound(reply);
        const isThumbnail = key === file.thumbnailAccessKey;
        type = isThumbnail ? 'image/webp' : file.webpublicType ?? 'image/webp';
        name = `${name.replace(/\.[^.]*$/, '')}${isThumbnail ? '-thumbnail' : ''}.${type === 'image/png' ? 'png' : 'webp'}`;
        size = stat.size;
        etag = `"${key}"`;
      }
      const lastModified = file.createdAt;
      const safe = BROWSER_SAFE.has(type);
      reply
        .header('Content-Type', safe ? (TEXT_TYPES.has(type) ? `${type}; charset=utf-8` : type) : 'application/octet-stream')
        .header('Content-Disposition', contentDisposition(safe ? 'inline' : 'attachment', name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', FILE_CSP)
        .header('Cache-Control', CACHE_FOREVER)
        .header('ETag', etag)
        .header('Last-Modified', lastModified.toUTCString())
        .header('Accept-Ranges', 'bytes')
        .header('Access-Control-Allow-Origin', '*');

      if (fresh(request, etag, lastModified)) return reply.code(304).send();

      const ifRange = request.headers['if-range'] as string | undefined;
      const rangeApplies = !ifRange || ifRange === etag || (Date.parse(ifRange) >= Math.floor(lastModified.getTime() / 1000) * 1000);
      const range = rangeApplies ? parseRange(request.headers.range, size) : null;
      if (range === 'unsatisfiable') {
        return reply.code(416).header('Content-Range', `bytes */${size}`).header('Content-Length', '0').send();
      }
      if (range) {
        reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`).header('Content-Length', String(range.end - range.start + 1));
      } else {
        reply.code(200).header('Content-Length', String(size));
      }
      if (request.method === 'HEAD') return reply.send();
      if (size === 0) return reply.send('');
      const blob = await storage.read(key, range ?? undefined);
      if (!blob) return notFound(reply.removeHeader('Content-Length').removeHeader('Content-Range'));
      return reply.send(blob.body);
    },
  });
}
