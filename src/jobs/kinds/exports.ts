import { defineJob, type JobKind } from '../define.js';
import { runExport, type ExportEntity, type ExportJobData } from '../../core/exports/run.js';

/**
 * The export kinds, named as Misskey's `db` queue names them. Idempotent: `runExport` stores the
 * file, its record and the notification in one transaction keyed by the export's id, so a run
 * after a crash either finds the export done or starts it over from nothing.
 */
function exportKind(name: string): JobKind<ExportJobData> {
  return defineJob<ExportJobData>(name, {
    queue: 'db', retryLimit: 3, retryDelaySeconds: 30, backoff: true, retryDelayMaxSeconds: 600,
    // 100,000 notes take well under a minute (docs/performance.md); room for large drives and slow disks.
    timeoutSeconds: 3600,
  }, (ctx, data, job) => runExport(ctx, data, job));
}

export const exportJobKinds: Record<ExportEntity, JobKind<ExportJobData>> = {
  note: exportKind('exportNotes'),
  favorite: exportKind('exportFavorites'),
  following: exportKind('exportFollowing'),
  muting: exportKind('exportMuting'),
  blocking: exportKind('exportBlocking'),
  userList: exportKind('exportUserLists'),
  clip: exportKind('exportClips'),
  antenna: exportKind('exportAntennas'),
  customEmoji: exportKind('exportCustomEmojis'),
};
