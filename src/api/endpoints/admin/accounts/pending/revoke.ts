import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { deletePending, findPendingByCode } from '../../../../../core/email/account.js';

export default defineEndpoint({
  summary: 'Cancels a sign-up waiting for its address to be confirmed, by its id or its mailed code; the link stops working.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:account',
  errors: {
    pendingUserNotFound: { message: 'Pending user not found', code: 'PENDING_USER_NOT_FOUND', id: 'a04d6118-65e6-4508-9144-9900a331bbf3' },
  },
  params: Type.Union([
    Type.Object({ id: Type.String({ format: 'misskey:id' }), code: Type.Optional(Type.String()) }),
    Type.Object({ id: Type.Optional(Type.String({ format: 'misskey:id' })), code: Type.String() }),
  ]),
}, async ({ params, ctx, fail }) => {
  const id = params.id ?? (await findPendingByCode(ctx, params.code!))?.id;
  if (!id || !await deletePending(ctx, id)) fail('pendingUserNotFound');
});
