import { defineJob } from '../define.js';
import { deleteFilesWhere, filesOfUser } from '../../core/moderation/drive.js';

/**
 * Every drive file of one account deleted (admin/delete-all-files-of-a-user, admin/delete-account).
 * Idempotent: a retry deletes what is left. `moderatorId` null: not logged per file (an account
 * deletion logs itself once).
 */
export const deleteAllFilesOfAUserJob = defineJob<{ userId: string; moderatorId: string | null }>('deleteAllFilesOfAUser', {
  queue: 'db',
  retryLimit: 5,
  retryDelaySeconds: 30,
  backoff: true,
  timeoutSeconds: 3600,
}, async (ctx, data, job) => {
  await deleteFilesWhere(ctx, filesOfUser(data.userId), data.moderatorId, (deleted) => job.progress(0, `${deleted} files deleted`));
});
