import type { AppContext } from '../context.js';
import { chatAvailabilityOf } from '../core/chat/messages.js';
import { ApiError, apiErrors } from './errors.js';

/**
 * The `chatAvailability` role policy, checked by every `chat/*` endpoint (Misskey's
 * `checkChatAvailability`): `read` for reading endpoints, `write` for the others. Refused with the
 * API layer's ROLE_PERMISSION_DENIED (Misskey throws an undeclared error, a 500; docs/decisions.md).
 */
export async function requireChat(ctx: AppContext, userId: string, need: 'read' | 'write'): Promise<void> {
  const availability = await chatAvailabilityOf(ctx, userId);
  if (!availability[need]) throw new ApiError(apiErrors.rolePolicyRequired);
}
