import { defineJob } from '../define.js';
import { purgeDeletedAccount } from '../../core/users/delete.js';

/**
 * Deletes what a deleted account leaves (its notes, reactions, files, follows): enqueued in the
 * transaction that marks the account deleted (`i/delete-account`, `admin/delete-account`), so it
 * exists exactly when the account is deleted. Idempotent in small batches: after a crash or
 * `kill -9` pg-boss hands it back and the rerun finishes what is left.
 */
export const deleteAccountJob = defineJob<{ userId: string }>('deleteAccount', {
  queue: 'db',
  retryLimit: 10,
  retryDelaySeconds: 30,
  backoff: true,
  retryDelayMaxSeconds: 3600,
  timeoutSeconds: 6 * 3600,
}, async (ctx, data, job) => {
  await purgeDeletedAccount(ctx, data.userId, async (step, done) => {
    await job.progress(step === 'follows' ? 99 : step === 'files' ? 90 : 50, `${done} ${step} deleted`);
  });
});
