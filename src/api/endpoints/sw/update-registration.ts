import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packRegistration, updatePushSubscription } from '../../../core/push/subscriptions.js';
import { RegistrationSchema } from '../../../core/push/schema.js';

export default defineEndpoint({
  summary: 'Changes whether your Web Push subscription with this endpoint is also told when notifications were read.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    noSuchRegistration: { message: 'No such registration.', code: 'NO_SUCH_REGISTRATION', id: 'b09d8066-8064-5613-efb6-0e963b21d012' },
  },
  params: Type.Object({
    endpoint: Type.String(),
    sendReadMessage: Type.Optional(Type.Boolean()),
  }),
  res: RegistrationSchema,
}, async ({ params, me, ctx, fail }) => {
  const row = await updatePushSubscription(ctx, me!.id, params.endpoint, { sendReadMessage: params.sendReadMessage });
  return packRegistration(row ?? fail('noSuchRegistration'));
});
