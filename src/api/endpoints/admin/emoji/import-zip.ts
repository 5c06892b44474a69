import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { enqueueJob } from '../../../../jobs/enqueue.js';
import { importCustomEmojisJob } from '../../../../jobs/kinds/import-custom-emojis.js';

export default defineEndpoint({
  summary: 'Imports an emoji pack (a zip with `meta.json`, as `export-custom-emojis` on Misskey or Mikan writes it) from a drive file.',
  description: 'Runs in the background. Each emoji replaces a local one of the same name; role restrictions are not imported. As in Misskey, a missing file or a file that is not such a zip imports nothing and is not an error.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  secure: true,
  requireRolePolicy: 'canManageCustomEmojis',
  params: Type.Object({ fileId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx }) => {
  await enqueueJob(ctx, ctx.db, importCustomEmojisJob, { userId: me!.id, fileId: params.fileId });
});
