import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listDrafts, packDrafts } from '../../../../core/drafts/drafts.js';
import { NoteDraftSchema } from '../../../../core/drafts/schema.js';

export default defineEndpoint({
  summary: 'Your note drafts, newest first; `scheduled` true or false keeps only scheduled or unscheduled ones.',
  tags: ['notes', 'drafts'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ ...pageParams(30), scheduled: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])) }),
  res: Type.Array(NoteDraftSchema),
}, async ({ params, me, ctx }) => packDrafts(ctx, await listDrafts(ctx, me!.id, { ...params, limit: params.limit ?? 30 }), me!));
