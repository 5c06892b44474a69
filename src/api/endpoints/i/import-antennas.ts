import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { checkAntennaImport } from '../../../core/antennas/transfer.js';
import { requestImport } from '../../../core/imports/request.js';
import { policiesOf } from '../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'Creates the antennas of a JSON file from your drive, as Misskey\'s `i/export-antennas` writes it.',
  description: 'Runs in the background; entries that are not valid antennas are skipped and counted, a `list` antenna becomes a `users` antenna of its list\'s members.',
  tags: ['account', 'antennas'],
  requireCredential: true,
  prohibitMoved: true,
  secure: true,
  requireRolePolicy: 'canImportAntennas',
  limit: { duration: 3_600_000, max: 1 },
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '3b71d086-c3fa-431c-b01d-ded65a777172' },
    // Declared as Misskey declares it; Misskey never throws it either.
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'e842c379-8ac7-4cf7-b07a-4d4de7e4671c' },
    emptyFile: { message: 'That file is empty.', code: 'EMPTY_FILE', id: '7f60115d-8d93-4b0f-bd0e-3815dcbb389f' },
    tooManyAntennas: { message: 'You cannot create antenna any more.', code: 'TOO_MANY_ANTENNAS', id: '600917d4-a4cb-4cc5-8ba8-7ac8ea3c7779' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { antennaLimit } = await policiesOf(ctx, me!.id);
  const problem = await checkAntennaImport(ctx, me!.id, params.fileId, antennaLimit);
  if (problem) fail(problem);
  await requestImport(ctx, { userId: me!.id, fileId: params.fileId, kind: 'antenna' });
});
