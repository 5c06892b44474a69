import type { entities } from 'misskey-js';

/**
 * Uploads one file into the drive (`POST /api/drive/files/create`, multipart with the token in `i`).
 * XMLHttpRequest rather than fetch: fetch reports no upload progress. Rejects with the API's error
 * object (`{message, code, id}`) so `describeError` reads it like any other API error.
 */
export function uploadToDrive(file: File, token: string, onProgress: (fraction: number) => void): { done: Promise<entities.DriveFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<entities.DriveFile>((resolve, reject) => {
    const data = new FormData();
    data.append('i', token);
    data.append('file', file);
    if (file.name) data.append('name', file.name);
    xhr.open('POST', '/api/drive/files/create');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); });
    xhr.addEventListener('load', () => {
      const body = xhr.response as { error?: unknown } | entities.DriveFile | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) { onProgress(1); resolve(body as entities.DriveFile); return; }
      const error = body && typeof body === 'object' && 'error' in body ? body.error : null;
      reject(error ?? { message: `The server answered ${xhr.status}.`, code: `HTTP_${xhr.status}` });
    });
    xhr.addEventListener('error', () => reject(new TypeError('network error')));
    xhr.addEventListener('abort', () => reject({ message: 'Upload cancelled.' }));
    xhr.send(data);
  });
  return { done, abort: () => xhr.abort() };
}
