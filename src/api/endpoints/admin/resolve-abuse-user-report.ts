import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { resolveAbuseReport } from '../../../core/abuse/reports.js';

export default defineEndpoint({
  summary: 'Resolves a report (assigned to you, `resolvedAs` kept); with `forward`, a report about a remote account is marked forwarded.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:resolve-abuse-user-report',
  errors: {
    noSuchAbuseReport: { message: 'No such abuse report.', code: 'NO_SUCH_ABUSE_REPORT', id: 'ac3794dd-2ce4-d878-e546-73c60c06b398', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({
    reportId: Type.String({ format: 'misskey:id' }),
    resolvedAs: Type.Optional(Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Null()])),
    forward: Type.Optional(Type.Boolean({ default: false })),
  }),
}, async ({ params, me, ctx, fail }) => {
  const resolved = await resolveAbuseReport(ctx, me!.id, params.reportId, { resolvedAs: params.resolvedAs ?? null, forward: params.forward ?? false });
  if (!resolved) fail('noSuchAbuseReport');
});
