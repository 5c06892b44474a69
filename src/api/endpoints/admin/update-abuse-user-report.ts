import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updateAbuseReportNote } from '../../../core/abuse/reports.js';

export default defineEndpoint({
  summary: 'Sets the moderators\' note on a report; logged with before and after.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:resolve-abuse-user-report',
  errors: {
    noSuchAbuseReport: { message: 'No such abuse report.', code: 'NO_SUCH_ABUSE_REPORT', id: '15f51cf5-46d1-4b1d-a618-b35bcbed0662', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({ reportId: Type.String({ format: 'misskey:id' }), moderationNote: Type.Optional(Type.String()) }),
}, async ({ params, me, ctx, fail }) => {
  const report = await updateAbuseReportNote(ctx, me!.id, params.reportId, params.moderationNote);
  if (!report) fail('noSuchAbuseReport');
});
