import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectType, isUtf8Text } from './file-info.js';
import { nameFromUrl } from './upload-from-url.js';
import { isValidFileName } from './files.js';
import { publicProperties } from './pack.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'mikan-file-info-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function typeOf(content: Buffer | string, name: string) {
  const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, content);
  return detectType(file, Buffer.byteLength(content), name);
}

describe('detectType', () => {
  it('reads magic numbers, not names', async () => {
    expect(await typeOf(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'x.txt')).toEqual({ mime: 'image/png', ext: 'png' });
    expect(await typeOf(Buffer.from('%PDF-1.4\n%...'), 'x.jpg')).toMatchObject({ mime: 'application/pdf' });
  });

  it('tells text from binary and refines text by extension only', async () => {
    expect(await typeOf('plain words', 'a.png')).toEqual({ mime: 'text/plain', ext: null });
    expect(await typeOf('{"a":1}', 'data.json')).toEqual({ mime: 'application/json', ext: null });
    expect(await typeOf('<p>hi</p>', 'index.html')).toEqual({ mime: 'text/html', ext: null });
    expect(await typeOf(Buffer.from([0, 1, 2, 3, 250, 251]), 'a.txt')).toEqual({ mime: 'application/octet-stream', ext: null });
    expect(await typeOf('', 'empty.txt')).toEqual({ mime: 'application/octet-stream', ext: null });
  });

  it('recognises SVG documents whatever their name', async () => {
    expect(await typeOf('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'a.txt')).toEqual({ mime: 'image/svg+xml', ext: 'svg' });
    expect(await typeOf('<svg width="1"/>', 'b')).toMatchObject({ mime: 'image/svg+xml' });
  });
});

describe('isUtf8Text', () => {
  it('accepts UTF-8 text, also cut inside a character at the end of a partial read', () => {
    expect(isUtf8Text(Buffer.from('héllo\tworld\r\n'), false)).toBe(true);
    const cut = Buffer.from('aé').subarray(0, 2);
    expect(isUtf8Text(cut, true)).toBe(true);
    expect(isUtf8Text(cut, false)).toBe(false);
    expect(isUtf8Text(Buffer.from([0x61, 0x00, 0x62]), false)).toBe(false);
  });
});

describe('names', () => {
  it('follows Misskey\'s file name rule', () => {
    expect(isValidFileName('photo.jpg')).toBe(true);
    for (const bad of ['', '  ', 'a/b', 'a\\b', '..', 'x'.repeat(201)]) expect(isValidFileName(bad)).toBe(false);
  });

  it('names a fetched file after the last path segment', () => {
    expect(nameFromUrl('https://example.com/a/b/c%20d.png?x=1')).toBe('c d.png');
    expect(nameFromUrl('https://example.com/')).toBe('untitled');
    expect(nameFromUrl('not a url')).toBe('untitled');
  });
});

describe('publicProperties', () => {
  it('swaps dimensions for EXIF orientations 5-8 and hides the orientation', () => {
    expect(publicProperties({ properties: { width: 4, height: 2, orientation: 6 } })).toEqual({ width: 2, height: 4 });
    expect(publicProperties({ properties: { width: 4, height: 2, orientation: 3 } })).toEqual({ width: 4, height: 2 });
    expect(publicProperties({ properties: {} })).toEqual({});
  });
});
