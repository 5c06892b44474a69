import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { countDrafts } from '../../../../core/drafts/drafts.js';

export default defineEndpoint({
  summary: 'How many note drafts you have (scheduled ones included).',
  tags: ['notes', 'drafts'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({}),
  res: Type.Integer(),
}, async ({ me, ctx }) => countDrafts(ctx, me!.id));
