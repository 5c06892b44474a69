import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createAppNotification } from '../../../core/notifications/app.js';

export default defineEndpoint({
  summary: 'An app posts a notification to its own user (type `app`).',
  tags: ['notifications'],
  requireCredential: true,
  kind: 'write:notifications',
  params: Type.Object({
    body: Type.String({ maxLength: 2048 }),
    header: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
    icon: Type.Optional(Type.Union([Type.String({ maxLength: 1024 }), Type.Null()])),
  }),
}, async ({ params, me, token, ctx }) => {
  await createAppNotification(ctx, me!.id, token!.id, params);
});
