import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { registerPushSubscription } from '../../../core/push/subscriptions.js';

export default defineEndpoint({
  summary: 'Registers this browser\'s Web Push subscription: your notifications are pushed to it (`key` is the instance\'s VAPID public key).',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  params: Type.Object({
    endpoint: Type.String(),
    auth: Type.String(),
    publickey: Type.String(),
    sendReadMessage: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Object({
    state: Type.Optional(Type.Union([Type.Literal('already-subscribed'), Type.Literal('subscribed')])),
    key: Type.Union([Type.String(), Type.Null()]),
    userId: Type.String(),
    endpoint: Type.String(),
    sendReadMessage: Type.Boolean(),
  }),
}, async ({ params, me, ctx }) => registerPushSubscription(ctx, me!.id, params));
