import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { packMeta } from '../../core/meta/pack.js';
import { MetaDetailedSchema, MetaLiteSchema } from '../../core/meta/schema.js';

export default defineEndpoint({
  summary: 'The instance\'s public settings and capabilities; `detail: false` leaves out the detailed-only fields.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({
    detail: Type.Optional(Type.Boolean({ default: true })),
  }),
  res: Type.Union([MetaLiteSchema, MetaDetailedSchema]),
}, async ({ params, ctx }) => packMeta(ctx, { detail: params.detail !== false }));
