import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkImportFile } from '../../../core/imports/run.js';
import { requestImport } from '../../../core/imports/request.js';

export default defineEndpoint({
  summary: 'Adds the accounts in a CSV file of list name,username@host lines from your drive to your lists, creating lists by name.',
  description: 'Runs in the background, row by row: rows naming unknown or remote accounts are skipped and counted (imports do not resolve remote accounts yet).',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  secure: true,
  requireRolePolicy: 'canImportUserLists',
  limit: { duration: 3_600_000, max: 1 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'ea9cc34f-c415-4bc6-a6fe-28ac40357049' },
    // Declared as Misskey declares it; Misskey's check is disabled, so neither throws it.
    unexpectedFileType: { message: 'We need csv file.', code: 'UNEXPECTED_FILE_TYPE', id: 'a3c9edda-dd9b-4596-be6a-150ef813745c' },
    tooBigFile: { message: 'That file is too big.', code: 'TOO_BIG_FILE', id: 'ae6e7a22-971b-4b52-b2be-fc0b9b121fe9' },
    emptyFile: { message: 'That file is empty.', code: 'EMPTY_FILE', id: '99efe367-ce6e-4d44-93f8-5fae7b040356' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const problem = await checkImportFile(ctx, me!.id, params.fileId, 'userList');
  if (problem) fail(problem);
  await requestImport(ctx, { userId: me!.id, fileId: params.fileId, kind: 'userList' });
});
