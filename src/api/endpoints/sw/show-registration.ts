import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findPushSubscription, packRegistration } from '../../../core/push/subscriptions.js';
import { RegistrationSchema } from '../../../core/push/schema.js';

export default defineEndpoint({
  summary: 'Your Web Push subscription with this endpoint, or nothing (204) when there is none.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  params: Type.Object({ endpoint: Type.String() }),
  res: Type.Union([RegistrationSchema, Type.Null()]),
}, async ({ params, me, ctx }) => {
  const row = await findPushSubscription(ctx, me!.id, params.endpoint);
  return row ? packRegistration(row) : null;
});
