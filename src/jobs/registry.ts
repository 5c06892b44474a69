import type { JobKind } from './define.js';
import { endedPollNotification } from './kinds/ended-poll-notification.js';
import { exportJobKinds } from './kinds/exports.js';
import { importJobKinds } from './kinds/imports.js';
import { postScheduledNoteJob } from './kinds/post-scheduled-note.js';
import { userWebhookDeliver } from './kinds/user-webhook-deliver.js';
import { systemWebhookDeliver } from './kinds/system-webhook-deliver.js';
import { deleteAllFilesOfAUserJob } from './kinds/delete-all-files-of-a-user.js';
import { cleanOwnerlessFilesJob } from './kinds/clean-ownerless-files.js';
import { deleteAccountJob } from './kinds/delete-account.js';
import { unfollowAfterMoveJob } from './kinds/unfollow-after-move.js';
import { checkModeratorsActivityJob } from './kinds/check-moderators-activity.js';
import { sendEmailJob } from './kinds/send-email.js';
import { importCustomEmojisJob } from './kinds/import-custom-emojis.js';
import { webPushDeliver } from './kinds/web-push-deliver.js';
import { apDeliver } from '../federation/deliver-job.js';

/**
 * Every job kind, one file each under ./kinds/. A kind must be listed here to be enqueued or run:
 * each process creates their queues at start and works on all of them.
 */
export const JOB_KINDS: readonly JobKind<any>[] = [
  endedPollNotification,
  ...Object.values(exportJobKinds),
  ...Object.values(importJobKinds),
  userWebhookDeliver,
  postScheduledNoteJob,
  systemWebhookDeliver,
  deleteAllFilesOfAUserJob,
  cleanOwnerlessFilesJob,
  deleteAccountJob,
  unfollowAfterMoveJob,
  checkModeratorsActivityJob,
  sendEmailJob,
  importCustomEmojisJob,
  webPushDeliver,
  apDeliver,
];
