import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listAbuseReports, packAbuseReports } from '../../../core/abuse/reports.js';
import { AbuseReportSchema } from '../../../core/moderation/schema.js';

const Origin = Type.Optional(Type.Union([Type.Literal('combined'), Type.Literal('local'), Type.Literal('remote')], { default: 'combined' }));

export default defineEndpoint({
  summary: 'Abuse reports, newest first, for moderators.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:abuse-user-reports',
  params: Type.Object({
    ...pageParams(10),
    state: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null, description: '`resolved` or `unresolved`; anything else lists all.' })),
    reporterOrigin: Origin,
    targetUserOrigin: Origin,
  }),
  res: Type.Array(AbuseReportSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listAbuseReports(ctx, {
    ...params, limit: params.limit ?? 10, reporterOrigin: params.reporterOrigin ?? 'combined', targetUserOrigin: params.targetUserOrigin ?? 'combined',
  });
  return packAbuseReports(ctx, rows, me!);
});
