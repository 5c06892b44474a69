import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { noteState } from '../../../core/favorites/favorites.js';

export default defineEndpoint({
  summary: 'Your state for a note: whether you favorited it and muted its thread.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Object({ isFavorited: Type.Boolean(), isMutedThread: Type.Boolean() }),
}, async ({ params, me, ctx }) => noteState(ctx, me!, params.noteId));
