import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { upload } from '../drive/helpers.js';
import { TEST_PASSWORD, tokenIn, useWebClientSuite } from './web-client.js';

// /drive as a user walks it: folders (create, rename, move, delete), uploads (several at once, and
// dropped), rename, sensitive, move, delete, breadcrumbs, usage and paging; checked against the server.
let server: TestServer;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let png: Buffer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f08a24' } }).png().toBuffer();
});

describe('the drive page', () => {
  it('manages folders and files and shows what the server stores', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const api = server.client(await tokenIn(page));
    await page.getByRole('link', { name: 'Drive', exact: true }).click();
    await page.getByRole('heading', { name: 'Drive' }).waitFor();
    await expect.poll(() => page.getByTestId('drive-usage').textContent()).toMatch(/^0 B of [\d.]+ (MB|GB) used$/);

    // Two folders.
    for (const name of ['Photos', 'Old']) {
      await page.getByLabel('Folder name').fill(name);
      await page.getByRole('button', { name: 'Create folder' }).click();
      await page.getByTestId('drive-folders').getByRole('link', { name: `📁 ${name}` }).waitFor();
    }
    const stored = await api.request('drive/folders', { limit: 10 });
    expect(stored.map((f) => f.name).sort()).toEqual(['Old', 'Photos']);
    const photos = stored.find((f) => f.name === 'Photos')!;

    // Two files at once, then a third dropped on the page.
    await page.getByTestId('drive-upload').setInputFiles([
      { name: 'orange.png', mimeType: 'image/png', buffer: png },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello drive') },
    ]);
    const files = page.getByTestId('drive-files');
    await files.getByText('notes.txt').waitFor();
    await files.getByText('orange.png').waitFor();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      document.querySelector('main.drive')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await files.getByText('dropped.txt').waitFor();
    const serverFiles = await api.request('drive/files', { limit: 10 });
    expect(serverFiles.map((f) => f.name).sort()).toEqual(['dropped.txt', 'notes.txt', 'orange.png']);
    const { usage } = await api.request('drive', {});
    expect(usage).toBe(png.length + 'hello drive'.length + 'dropped'.length);
    await expect.poll(() => page.getByTestId('drive-usage').textContent()).not.toMatch(/^0 B/);
    // The image has a thumbnail.
    const idOf = (name: string) => serverFiles.find((f) => f.name === name)!.id;
    const fileRow = (name: string) => files.locator(`li[data-file-id="${idOf(name)}"]`);
    const image = fileRow('orange.png');
    expect(await image.locator('img').count()).toBe(1);

    // Rename, mark sensitive, move into Photos.
    const text = fileRow('notes.txt');
    await text.getByRole('button', { name: 'Rename' }).click();
    await text.getByLabel('File name').fill('readme.txt');
    await text.getByRole('button', { name: 'Save' }).click();
    await files.getByText('readme.txt').waitFor();
    await image.getByLabel('Sensitive').check();
    await image.getByText('Sensitive', { exact: true }).first().waitFor();
    await expect.poll(async () => (await api.request('drive/files', { limit: 10 })).find((f) => f.name === 'orange.png')?.isSensitive).toBe(true);
    await text.getByLabel('Move file to').selectOption({ label: 'Photos' });
    await expect.poll(() => files.getByText('readme.txt').count()).toBe(0);
    expect((await api.request('drive/files', { folderId: photos.id, limit: 10 })).map((f) => f.name)).toEqual(['readme.txt']);

    // Move the folder Old into Photos, open Photos, then Old: the breadcrumbs follow.
    const folders = page.getByTestId('drive-folders');
    // A folder's row (folder names also appear in the other rows' Move lists).
    const folderRow = (name: string) => folders.locator('li').filter({ has: page.getByRole('link', { name: `📁 ${name}`, exact: true }) });
    await folderRow('Old').getByLabel('Move folder to').selectOption({ label: 'Photos' });
    await expect.poll(() => folderRow('Old').count()).toBe(0);
    await folders.getByRole('link', { name: /Photos/ }).click();
    await files.getByText('readme.txt').waitFor();
    await folders.getByRole('link', { name: /Old/ }).click();
    await expect.poll(() => page.getByTestId('drive-breadcrumbs').textContent()).toMatch(/Drive\s*›\s*Photos\s*›\s*Old/);
    await page.getByTestId('drive-breadcrumbs').getByRole('link', { name: 'Photos' }).click();
    await expect.poll(() => page.getByTestId('drive-breadcrumbs').textContent()).toMatch(/Drive\s*›\s*Photos$/);

    // Rename Old to Archive.
    const old = folders.locator(`li[data-folder-id="${stored.find((f) => f.name === 'Old')!.id}"]`);
    await old.getByRole('button', { name: 'Rename' }).click();
    await old.getByLabel('Folder name').fill('Archive');
    await old.getByRole('button', { name: 'Save' }).click();
    await folderRow('Archive').waitFor();
    const [archive] = await api.request('drive/folders', { folderId: photos.id, limit: 10 });
    expect(archive).toMatchObject({ name: 'Archive', parentId: photos.id });

    // Back at the top: a folder that is not empty cannot be deleted; the server says why.
    await page.getByTestId('drive-breadcrumbs').getByRole('link', { name: 'Drive' }).click();
    const photosRow = folderRow('Photos');
    await photosRow.getByRole('button', { name: 'Delete' }).click();
    await photosRow.getByRole('button', { name: 'Delete folder' }).click();
    await page.locator('.error').waitFor();
    expect(await api.request('drive/folders/show', { folderId: photos.id })).toMatchObject({ name: 'Photos' });

    // Delete a file.
    const dropped = fileRow('dropped.txt');
    await dropped.getByRole('button', { name: 'Delete' }).click();
    await dropped.getByRole('button', { name: 'Delete file' }).click();
    await expect.poll(() => files.getByText('dropped.txt').count()).toBe(0);
    expect((await api.request('drive/files', { limit: 10 })).map((f) => f.name)).toEqual(['orange.png']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pages through a folder of many files', { timeout: 60_000 }, async () => {
    const api = server.client(alice.token);
    const many = await api.request('drive/folders/create', { name: 'Many' });
    await Promise.all(Array.from({ length: 32 }, (_, i) => upload(server, alice.token, `file ${i}`, { folderId: many.id, name: `f${i}.txt` })));
    const { context, page, problems } = await suite.signedIn('alice');
    await page.goto(`${server.url}/drive/folder/${many.id}`);
    const items = page.getByTestId('drive-files').locator('li');
    await expect.poll(() => items.count()).toBe(30);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => items.count()).toBe(32);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // An unknown folder says so rather than showing an empty drive.
    await page.goto(`${server.url}/drive/folder/0000000000`);
    await page.locator('.error').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
