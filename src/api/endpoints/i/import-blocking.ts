import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkImportFile } from '../../../core/imports/run.js';
import { requestImport } from '../../../core/imports/request.js';

export default defineEndpoint({
  summary: 'Blocks the accounts listed in a CSV file from your drive (a Misskey or Mastodon block export).',
  description: 'Runs in the background, row by row: rows naming unknown or remote accounts are skipped and counted (imports do not resolve remote accounts yet).',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  secure: true,
  requireRolePolicy: 'canImportBlocking',
  limit: { duration: 3_600_000, max: 1 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'ebb53e5f-6574-9c0c-0b92-7ca6def56d7e' },
    // Declared as Misskey declares it; Misskey's check is disabled, so neither throws it.
    unexpectedFileType: { message: 'We need csv file.', code: 'UNEXPECTED_FILE_TYPE', id: 'b6fab7d6-d945-d67c-dfdb-32da1cd12cfe' },
    tooBigFile: { message: 'That file is too big.', code: 'TOO_BIG_FILE', id: 'b7fbf0b1-aeef-3b21-29ef-fadd4cb72ccf' },
    emptyFile: { message: 'That file is empty.', code: 'EMPTY_FILE', id: '6f3a4dcc-f060-a707-4950-806fbdbe60d6' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const problem = await checkImportFile(ctx, me!.id, params.fileId, 'blocking');
  if (problem) fail(problem);
  await requestImport(ctx, { userId: me!.id, fileId: params.fileId, kind: 'blocking' });
});
