import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { enqueueJob } from '../../../../jobs/enqueue.js';
import { cleanOwnerlessFilesJob } from '../../../../jobs/kinds/clean-ownerless-files.js';

export default defineEndpoint({
  summary: 'Deletes the drive files no account owns any more, in the background (a durable job); each is logged.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:drive',
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await enqueueJob(ctx, ctx.db, cleanOwnerlessFilesJob, { moderatorId: me!.id });
});
