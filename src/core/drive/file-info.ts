import { open } from 'node:fs/promises';
import path from 'node:path';
import { encode as encodeBlurhash } from 'blurhash';
import { fileTypeFromFile } from 'file-type';

export const OCTET_STREAM = 'application/octet-stream';

/**
 * Types whose content carries no magic number, trusted from the extension only when the content is text.
 * Not `.csv`: Misskey stores CSV as text/plain, which the default `uploadableFileTypes` allows, and
 * the import endpoints read CSV files from the drive (exports written by Misskey or Mikan).
 */
const TEXT_TYPES_BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain', '.text': 'text/plain', '.log': 'text/plain', '.json': 'application/json',
  '.md': 'text/markdown', '.markdown': 'text/markdown', '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css',
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.xml': 'application/xml', '.yaml': 'application/yaml', '.yml': 'application/yaml',
};

/**
 * The type of a file from its content (file-type's magic numbers), never from the client's claim.
 * Content without a magic number: SVG if it is an SVG document, else a text type when the bytes are
 * UTF-8 text (the extension may refine text/plain into e.g. application/json), else octet-stream.
 * An empty file is octet-stream, as in Misskey.
 */
export async function detectType(filePath: string, size: number, name: string): Promise<{ mime: string; ext: string | null }> {
  if (size === 0) return { mime: OCTET_STREAM, ext: null };
  const detected = await fileTypeFromFile(filePath);
  if (detected) {
    // file-type calls several XML-based formats application/xml; SVG is decided below.
    if (detected.mime !== 'application/xml') return { mime: detected.mime, ext: detected.ext };
  }
  const head = await readHead(filePath, 64 * 1024);
  if (!isUtf8Text(head, size > head.length)) return { mime: OCTET_STREAM, ext: null };
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return { mime: 'image/svg+xml', ext: 'svg' };
  const byExtension = TEXT_TYPES_BY_EXTENSION[path.extname(name).toLowerCase()];
  return { mime: byExtension ?? (detected ? detected.mime : 'text/plain'), ext: null };
}

async function readHead(filePath: string, length: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** UTF-8 without NUL or other C0 controls than tab/newlines; a sequence cut at the end of a partial read is fine. */
export function isUtf8Text(bytes: Buffer, truncated: boolean): boolean {
  let end = bytes.length;
  if (truncated) {
    // Step back over at most 3 bytes of an unfinished multi-byte sequence.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && bytes[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Image types sharp reads and Mikan makes a thumbnail (and maybe a web-public version) of. */
const PROCESSABLE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/svg+xml', 'image/apng', 'image/tiff', 'image/heic', 'image/heif']);
/** Shown as they are by browsers, once metadata is stripped; other images get a PNG/WebP web-public version. */
const WEB_PUBLIC_AS_WEBP = new Set(['image/jpeg', 'image/webp', 'image/avif', 'image/tiff', 'image/heic', 'image/heif']);

export interface ImageVariant { data: Buffer; type: string }

export interface ImageInfo {
  width?: number;
  height?: number;
  orientation?: number;
  blurhash: string | null;
  avgColor?: string;
  thumbnail: ImageVariant | null;
  webpublic: ImageVariant | null;
}

const THUMBNAIL_SIZE = { width: 498, height: 422 };
const WEBPUBLIC_SIZE = 2048;

/**
 * Dimensions, blurhash, average colour, a WebP thumbnail and a web-public version (EXIF orientation
 * applied, metadata such as GPS dropped: sharp writes none unless asked). Animated images keep
 * their original as the public version (their thumbnail is the first frame). Null when the file is
 * not an image sharp can read; a broken image is stored as a plain file.
 */
export async function processImage(filePath: string, mime: string): Promise<ImageInfo | null> {
  if (!PROCESSABLE_IMAGES.has(mime)) return null;
  // libvips (~22 MiB) loads with the first image, not at start.
  const { default: sharp } = await import('sharp');
  try {
    const metadata = await sharp(filePath).metadata();
    const animated = (metadata.pages ?? 1) > 1;
    const info: ImageInfo = { width: metadata.width, height: metadata.height, blurhash: null, thumbnail: null, webpublic: null };
    if (metadata.orientation && metadata.orientation !== 1) info.orientation = metadata.orientation;

    const small = await sharp(filePath).rotate().resize(64, 64, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    info.blurhash = encodeBlurhash(new Uint8ClampedArray(small.data), small.info.width, small.info.height, 5, 5);
    const { channels } = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 4 } }).stats();
    info.avgColor = `rgb(${channels.slice(0, 3).map((c) => Math.round(c.mean)).join(',')})`;

    info.thumbnail = {
      data: await sharp(filePath).rotate().resize(THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 60 }).toBuffer(),
      type: 'image/webp',
    };
    if (!animated && mime !== 'image/gif') {
      const resized = sharp(filePath).rotate().resize(WEBPUBLIC_SIZE, WEBPUBLIC_SIZE, { fit: 'inside', withoutEnlargement: true });
      info.webpublic = WEB_PUBLIC_AS_WEBP.has(mime)
        ? { data: await resized.webp({ quality: 90 }).toBuffer(), type: 'image/webp' }
        : { data: await resized.png().toBuffer(), type: 'image/png' };
    }
    return info;
  } catch {
    return null;
  }
}
