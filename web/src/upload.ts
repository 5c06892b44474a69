import type { entities } from 'misskey-js';
import { session } from './session';

/** Uploads one file into the drive's root (misskey-js has no helper for multipart calls). */
export async function uploadToDrive(file: File): Promise<entities.DriveFile> {
  const form = new FormData();
  form.append('i', session.token ?? '');
  form.append('file', file);
  form.append('name', file.name);
  const response = await fetch('/api/drive/files/create', { method: 'POST', body: form });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw body?.error ?? { message: `The server answered ${response.status}.` };
  return body as entities.DriveFile;
}
