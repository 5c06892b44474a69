import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listAbuseReports, packAbuseReports } from '../../../core/abuse/reports.js';
import { UserDetailedNotMeSchema } from '../../../core/users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
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
  res: Type.Array(Type.Object({
    id: Id,
    createdAt: Type.String({ format: 'date-time' }),
    comment: Type.String(),
    resolved: Type.Boolean(),
    reporterId: Id,
    targetUserId: Id,
    assigneeId: Type.Union([Id, Type.Null()]),
    reporter: UserDetailedNotMeSchema,
    targetUser: UserDetailedNotMeSchema,
    assignee: Type.Union([UserDetailedNotMeSchema, Type.Null()]),
    forwarded: Type.Boolean(),
    resolvedAs: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Null()]),
    moderationNote: Type.String(),
  })),
}, async ({ params, me, ctx }) => {
  const rows = await listAbuseReports(ctx, {
    ...params, limit: params.limit ?? 10, reporterOrigin: params.reporterOrigin ?? 'combined', targetUserOrigin: params.targetUserOrigin ?? 'combined',
  });
  return packAbuseReports(ctx, rows, me!);
});
