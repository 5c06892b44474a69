import { defineJob } from '../define.js';
import { deleteFilesWhere, ownerlessFiles } from '../../core/moderation/drive.js';

/** `admin/drive/cleanup`: files whose account is gone. Idempotent: a retry deletes what is left. */
export const cleanOwnerlessFilesJob = defineJob<{ moderatorId: string }>('cleanOwnerlessFiles', {
  queue: 'db',
  retryLimit: 5,
  retryDelaySeconds: 30,
  backoff: true,
  timeoutSeconds: 3600,
}, async (ctx, data, job) => {
  await deleteFilesWhere(ctx, ownerlessFiles(), data.moderatorId, (deleted) => job.progress(0, `${deleted} files deleted`));
});
