import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkImportFile } from '../../../core/imports/run.js';
import { requestImport } from '../../../core/imports/request.js';

export default defineEndpoint({
  summary: 'Mutes the accounts listed in a CSV file from your drive (a Misskey or Mastodon mute export).',
  description: 'Runs in the background, row by row: rows naming unknown or remote accounts are skipped and counted (imports do not resolve remote accounts yet).',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  secure: true,
  requireRolePolicy: 'canImportMuting',
  limit: { duration: 3_600_000, max: 1 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'e674141e-bd2a-ba85-e616-aefb187c9c2a' },
    // Declared as Misskey declares it; Misskey's check is disabled, so neither throws it.
    unexpectedFileType: { message: 'We need csv file.', code: 'UNEXPECTED_FILE_TYPE', id: '568c6e42-c86c-ba09-c004-517f83f9f1a8' },
    tooBigFile: { message: 'That file is too big.', code: 'TOO_BIG_FILE', id: '9b4ada6d-d7f7-0472-0713-4f558bd1ec9c' },
    emptyFile: { message: 'That file is empty.', code: 'EMPTY_FILE', id: 'd2f12af1-e7b4-feac-86a3-519548f2728e' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const problem = await checkImportFile(ctx, me!.id, params.fileId, 'muting');
  if (problem) fail(problem);
  await requestImport(ctx, { userId: me!.id, fileId: params.fileId, kind: 'muting' });
});
