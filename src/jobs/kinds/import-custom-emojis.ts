import { defineJob } from '../define.js';
import { importEmojiZip } from '../../core/emojis/transfer.js';

/**
 * `admin/emoji/import-zip`, Misskey's `importCustomEmojis` job. A retry imports the pack again;
 * each emoji replaces the local one of its name, so the result is the same (only drive files repeat).
 */
export const importCustomEmojisJob = defineJob<{ userId: string; fileId: string }>('importCustomEmojis', {
  queue: 'db', retryLimit: 1, retryDelaySeconds: 30, backoff: false, timeoutSeconds: 3600,
}, async (ctx, data) => {
  const summary = await importEmojiZip(ctx, data.userId, data.fileId);
  ctx.log.info({ ...summary, fileId: data.fileId }, 'custom emojis imported');
});
