import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { reportAbuse } from '../../../core/abuse/reports.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Reports a user to the moderators.',
  tags: ['users'],
  requireCredential: true,
  kind: 'write:report-abuse',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '1acefcb5-0959-43fd-9685-b48305736cb5' },
    cannotReportYourself: { message: 'Cannot report yourself.', code: 'CANNOT_REPORT_YOURSELF', id: '1e13149e-b1e8-43cf-902e-c01dbfcb202f' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    comment: Type.String({ minLength: 1, maxLength: 2048 }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const target = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (target.id === me!.id) fail('cannotReportYourself');
  await reportAbuse(ctx, me!, target, params.comment);
});
