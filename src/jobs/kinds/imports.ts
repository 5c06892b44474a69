import { defineJob, type JobKind } from '../define.js';
import { runImport, type ImportJobData, type ImportKind } from '../../core/imports/run.js';

/**
 * The import kinds, named as Misskey's `db` queue names them. Idempotent: each row's effect is a
 * no-op when already in effect, so a run after a crash applies only the rows the first run did not.
 */
function importKind(name: string): JobKind<ImportJobData> {
  return defineJob<ImportJobData>(name, {
    queue: 'db', retryLimit: 3, retryDelaySeconds: 30, backoff: true, retryDelayMaxSeconds: 600,
  }, async (ctx, data, job) => { await runImport(ctx, data, job); });
}

export const importJobKinds: Record<ImportKind, JobKind<ImportJobData>> = {
  following: importKind('importFollowing'),
  muting: importKind('importMuting'),
  blocking: importKind('importBlocking'),
  userList: importKind('importUserLists'),
  antenna: importKind('importAntennas'),
};
