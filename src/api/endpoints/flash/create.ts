import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createFlash } from '../../../core/flashes/flashes.js';
import { packFlash } from '../../../core/flashes/pack.js';
import { FlashSchema } from '../../../core/flashes/schema.js';

export default defineEndpoint({
  summary: 'Creates a Play (an AiScript program; Mikan stores it and never runs it).',
  tags: ['flash'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:flash',
  limit: { duration: 3_600_000, max: 10 },
  params: Type.Object({
    title: Type.String(),
    summary: Type.String(),
    script: Type.String(),
    permissions: Type.Array(Type.String()),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')], { default: 'public' })),
  }),
  res: FlashSchema,
}, async ({ params, me, ctx }) => {
  return packFlash(ctx, await createFlash(ctx, me!.id, params), me);
});
