import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listMoveLogs, packMoveLogs } from '../../../core/users/move-logs.js';
import { UserDetailedNotMeSchema } from '../../../core/users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const Origin = Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('remote'), Type.Literal('all'), Type.Null()]));

// Fork-only (not in misskey-js): the shape is Mikan's, docs/decisions.md "Moving accounts".
export default defineEndpoint({
  summary: 'Account moves (`i/move`), newest first, with both accounts; filter by either side and whether it is local or remote.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:show-account-move-log',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Id),
    untilId: Type.Optional(Id),
    movedFromId: Type.Optional(Type.Union([Id, Type.Null()])),
    movedToId: Type.Optional(Type.Union([Id, Type.Null()])),
    from: Origin,
    to: Origin,
  }),
  res: Type.Array(Type.Object({
    id: Id,
    createdAt: Type.String({ format: 'date-time' }),
    movedFromId: Id,
    movedFrom: UserDetailedNotMeSchema,
    movedToId: Id,
    movedTo: UserDetailedNotMeSchema,
    movedToUri: Type.String(),
  })),
}, async ({ params, me, ctx }) => {
  const rows = await listMoveLogs(ctx, { ...params, limit: params.limit ?? 10 });
  return packMoveLogs(ctx, rows, me!);
});
