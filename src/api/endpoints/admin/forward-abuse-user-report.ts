import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { reportErrors } from '../../moderation-errors.js';
import { forwardAbuseReport } from '../../../core/abuse/reports.js';

export default defineEndpoint({
  summary: 'Forwards a report about a remote account to its server: recorded now, sent once Mikan federates.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:resolve-abuse-user-report',
  errors: {
    noSuchAbuseReport: { message: 'No such abuse report.', code: 'NO_SUCH_ABUSE_REPORT', id: '8763e21b-d9bc-40be-acf6-54c1a6986493', kind: 'server', httpStatusCode: 404 },
    cannotForwardLocalReport: reportErrors.cannotForwardLocalReport,
    alreadyForwarded: reportErrors.alreadyForwarded,
  },
  params: Type.Object({ reportId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await forwardAbuseReport(ctx, me!.id, params.reportId);
  if (result === null) fail('noSuchAbuseReport');
  if (result === 'localTarget') fail('cannotForwardLocalReport');
  if (result === 'alreadyForwarded') fail('alreadyForwarded');
});
