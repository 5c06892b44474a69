import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listScheduledDrafts, packDrafts } from '../../../../core/drafts/drafts.js';
import { NoteDraftSchema } from '../../../../core/drafts/schema.js';

export default defineEndpoint({
  summary: 'Your scheduled notes (drafts waiting for their time), soonest first.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:notes',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0 })),
  }),
  res: Type.Array(NoteDraftSchema),
}, async ({ params, me, ctx }) => packDrafts(ctx, await listScheduledDrafts(ctx, me!.id, { limit: params.limit ?? 10, offset: Math.max(0, params.offset ?? 0) }), me!));
