import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../harness.js';
import type { Config } from '../../src/config.js';
import { commonErrors } from '../api-errors.js';

export const driveErrors = {
  create: {
    invalidFileName: { code: 'INVALID_FILE_NAME', id: 'f449b209-0c60-4e51-84d5-29486263bfd4' },
    noSuchFolder: { code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73' },
    noFreeSpace: { code: 'NO_FREE_SPACE', id: 'd08dbc37-a6a9-463a-8c47-96c32ab5f064' },
    failed: { code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0' },
  },
  layer: {
    maxFileSizeExceeded: { code: 'MAX_FILE_SIZE_EXCEEDED', id: '39591dd6-b5e8-4399-bb03-13b0a8a62a21' },
    fileRequired: { code: 'FILE_REQUIRED', id: '4267801e-70d1-416a-b011-4ee502885d8b' },
    notMultipart: { code: 'INVALID_PARAM', id: '217bc614-dd72-42dc-806e-22ac93f8266e' },
    tooManyFiles: { code: 'INVALID_PARAM', id: '5c95c8b6-25bf-40e1-8c7d-d6d727d3503b' },
    ...commonErrors,
  },
  show: {
    noSuchFile: { code: 'NO_SUCH_FILE', id: '067bc436-2718-4795-b0fb-ecbe43949e31' },
    accessDenied: { code: 'ACCESS_DENIED', id: '25b73c73-68b1-41d0-bad1-381cfdf6579f' },
  },
  update: {
    invalidFileName: { code: 'INVALID_FILE_NAME', id: '395e7156-f9f0-475e-af89-53c3c23080c2' },
    noSuchFile: { code: 'NO_SUCH_FILE', id: 'e7778c7e-3af9-49cd-9690-6dbc3e6c972d' },
    accessDenied: { code: 'ACCESS_DENIED', id: '01a53b27-82fc-445b-a0c1-b558465a8ed2' },
    noSuchFolder: { code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73' },
    restrictedByRole: { code: 'RESTRICTED_BY_ROLE', id: '7f59dccb-f465-75ab-5cf4-3ce44e3282f7' },
  },
  delete: {
    noSuchFile: { code: 'NO_SUCH_FILE', id: '908939ec-e52b-4458-b395-1025195cea58' },
    accessDenied: { code: 'ACCESS_DENIED', id: '5eb8d909-2540-4970-90b8-dd6f86088121' },
  },
  attachedNotes: { noSuchFile: { code: 'NO_SUCH_FILE', id: 'c118ece3-2e4b-4296-99d1-51756e32d232' } },
  folders: {
    createNoSuchFolder: { code: 'NO_SUCH_FOLDER', id: '53326628-a00d-40a6-a3cd-8975105c0f95' },
    deleteNoSuchFolder: { code: 'NO_SUCH_FOLDER', id: '1069098f-c281-440f-b085-f9932edbe091' },
    hasChildren: { code: 'HAS_CHILD_FILES_OR_FOLDERS', id: 'b0fc8a17-963c-405d-bfbc-859a487295e1' },
    showNoSuchFolder: { code: 'NO_SUCH_FOLDER', id: 'd74ab9eb-bb09-4bba-bf24-fb58f761e1e9' },
    updateNoSuchFolder: { code: 'NO_SUCH_FOLDER', id: 'f7974dac-2c0d-4a27-926e-23583b28e98e' },
    noSuchParent: { code: 'NO_SUCH_PARENT_FOLDER', id: 'ce104e3a-faaf-49d5-b459-10ff0cbbcaa1' },
    recursiveNesting: { code: 'RECURSIVE_NESTING', id: 'dbeb024837894013aed44279f9199740' },
  },
  iUpdate: {
    noSuchAvatar: { code: 'NO_SUCH_AVATAR', id: '539f3a45-f215-4f81-a9a8-31293640207f' },
    noSuchBanner: { code: 'NO_SUCH_BANNER', id: '0d8f5629-f210-41c2-9433-735831a58595' },
    avatarNotAnImage: { code: 'AVATAR_NOT_AN_IMAGE', id: 'f419f9f8-2f4d-46b1-9fb4-49d3a2fd7191' },
    bannerNotAnImage: { code: 'BANNER_NOT_AN_IMAGE', id: '75aedb19-2afd-4e6d-87fc-67941256fa60' },
  },
} as const;

/** A test server whose drive lives in a temporary directory, removed on close. */
export async function startDriveServer(overrides: Partial<Config> = {}): Promise<TestServer & { dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mikan-drive-'));
  const server = await startTestServer({ rateLimit: false, dataDir, ...overrides });
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JPEG whose EXIF says "rotate 90° clockwise" (orientation 6) and carries a GPS position. */
export function jpegWithExif(width = 64, height = 32): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withExif({ IFD0: { Make: 'MikanCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 40/1 0/1' } }).withMetadata({ orientation: 6 })
    .jpeg().toBuffer();
}

export function pngWithOrientation(width = 40, height = 20): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 120, b: 255, alpha: 1 } } })
    .withMetadata({ orientation: 6 }).png().toBuffer();
}

export function gif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 255, b: 0 } } }).gif().toBuffer();
}

export function webp(): Promise<Buffer> {
  return sharp({ create: { width: 30, height: 30, channels: 3, background: { r: 255, g: 255, b: 0 } } }).webp().toBuffer();
}

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, payload]);
}

/** A tiny MP4: an `ftyp` box (isom, mp41) and an empty `mdat`. */
export function mp4(): Buffer {
  return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), box('mdat', Buffer.alloc(0))]);
}

export function blob(data: Buffer | string, type = 'application/octet-stream'): Blob {
  return new Blob([typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data)], { type });
}

/** Uploads through misskey-js, as an app would. */
export function upload(server: TestServer, token: string, data: Buffer | string, params: Record<string, unknown> = {}) {
  return server.client(token).request('drive/files/create', { file: blob(data), ...params } as never) as Promise<any>;
}
