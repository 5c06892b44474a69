import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkImportFile } from '../../../core/imports/run.js';
import { requestImport } from '../../../core/imports/request.js';

export default defineEndpoint({
  summary: 'Follows the accounts listed in a CSV file from your drive (a Misskey or Mastodon following export).',
  description: 'Runs in the background, row by row: rows naming unknown or remote accounts are skipped and counted (imports do not resolve remote accounts yet).',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  secure: true,
  requireRolePolicy: 'canImportFollowing',
  limit: { duration: 3_600_000, max: 1 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'b98644cf-a5ac-4277-a502-0b8054a709a3' },
    // Declared as Misskey declares it; Misskey's check is disabled, so neither throws it.
    unexpectedFileType: { message: 'We need csv file.', code: 'UNEXPECTED_FILE_TYPE', id: '660f3599-bce0-4f95-9dde-311fd841c183' },
    tooBigFile: { message: 'That file is too big.', code: 'TOO_BIG_FILE', id: 'dee9d4ed-ad07-43ed-8b34-b2856398bc60' },
    emptyFile: { message: 'That file is empty.', code: 'EMPTY_FILE', id: '31a1b42c-06f7-42ae-8a38-a661c5c9f691' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
    withReplies: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx, fail }) => {
  const problem = await checkImportFile(ctx, me!.id, params.fileId, 'following');
  if (problem) fail(problem);
  await requestImport(ctx, { userId: me!.id, fileId: params.fileId, kind: 'following', withReplies: params.withReplies ?? false });
});
