import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listUserWebhooks, packUserWebhook } from '../../../../core/webhooks/manage.js';
import { UserWebhookSchema } from '../../../../core/webhooks/schema.js';

export default defineEndpoint({
  summary: 'Your webhooks, oldest first, with the last delivery\'s time and HTTP status.',
  tags: ['webhooks', 'account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({}),
  res: Type.Array(UserWebhookSchema),
}, async ({ me, ctx }) => (await listUserWebhooks(ctx, me!.id)).map(packUserWebhook));
