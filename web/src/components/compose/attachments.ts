import { computed, reactive, ref } from 'vue';
import type { entities } from 'misskey-js';
import { describeError } from '../../api';
import { client, session } from '../../session';
import { uploadToDrive } from './upload';

export interface Attachment {
  key: string;
  name: string;
  /** 0–1 while uploading; 1 once in the drive. */
  progress: number;
  file: entities.DriveFile | null;
  error: string | null;
  abort: (() => void) | null;
}

/** Misskey's limit on files per note. */
export const MAX_ATTACHMENTS = 16;

/** The composer's attachments: uploads with progress, files picked from the drive, and their sensitive flag and alt text. */
export function useAttachments() {
  const items = reactive<Attachment[]>([]);
  let counter = 0;
  /** Set when files beyond the limit were left out (shown by the composer). */
  const notice = ref<string | null>(null);

  function add(files: Iterable<File>): void {
    notice.value = null;
    for (const file of files) {
      if (items.length >= MAX_ATTACHMENTS) {
        notice.value = `At most ${MAX_ATTACHMENTS} files per note: the rest were left out.`;
        break;
      }
      const item = reactive<Attachment>({ key: `u${counter++}`, name: file.name || 'pasted file', progress: 0, file: null, error: null, abort: null });
      items.push(item);
      const upload = uploadToDrive(file, session.token ?? '', (fraction) => { item.progress = fraction; });
      item.abort = upload.abort;
      upload.done.then((stored) => { item.file = stored; item.name = stored.name; item.abort = null; })
        .catch((error) => { item.error = describeError(error).message; item.abort = null; });
    }
  }

  function addFromDrive(file: entities.DriveFile): void {
    if (items.length >= MAX_ATTACHMENTS || items.some((item) => item.file?.id === file.id)) return;
    items.push({ key: `d${counter++}`, name: file.name, progress: 1, file, error: null, abort: null });
  }

  function remove(key: string): void {
    const index = items.findIndex((item) => item.key === key);
    if (index < 0) return;
    items[index]!.abort?.();
    items.splice(index, 1);
  }

  /** Sensitive flag and alt text live on the drive file (`drive/files/update`), as in Misskey. */
  async function update(item: Attachment, changes: { isSensitive?: boolean; comment?: string | null }): Promise<void> {
    if (!item.file) return;
    item.file = await client().request('drive/files/update', { fileId: item.file.id, ...changes });
  }

  function clear(): void { items.splice(0, items.length); }

  const uploading = computed(() => items.some((item) => !item.file && !item.error));
  /** A failed upload still listed: posting now would silently leave that file out. */
  const failed = computed(() => items.some((item) => item.error != null));
  const fileIds = computed(() => items.flatMap((item) => (item.file ? [item.file.id] : [])));
  return reactive({ items, add, addFromDrive, remove, update, clear, uploading, failed, notice, fileIds });
}

export type Attachments = ReturnType<typeof useAttachments>;
