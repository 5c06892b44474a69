import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { NoteReactionWithNoteSchema, packNoteReactionsWithNotes } from '../../../core/reactions/pack.js';
import { listUserReactions, reactionsArePublic } from '../../../core/reactions/reactions.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'A user\'s reactions with the notes they were made to, newest first, when the user makes them public.',
  tags: ['users', 'reactions'],
  requireCredential: false,
  errors: {
    reactionsNotPublic: { message: 'Reactions of the user is not public.', code: 'REACTIONS_NOT_PUBLIC', id: '673a7dd2-6924-1093-e0c0-e68456ceae5c' },
    isRemoteUser: { message: 'Currently unavailable to display reactions of remote users. See https://github.com/misskey-dev/misskey/issues/12964', code: 'IS_REMOTE_USER', id: '6b95fa98-8cf9-2350-e284-f0ffdb54a805' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
  }),
  res: Type.Array(NoteReactionWithNoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const user = await findUserById(ctx, params.userId);
  // Misskey declares no "no such user" here; an unknown account has no reactions to show.
  if (!user) return [];
  if (user.host != null) fail('isRemoteUser');
  if (me?.id !== user.id && !await reactionsArePublic(ctx, user.id)) fail('reactionsNotPublic');
  const rows = await listUserReactions(ctx, user.id, me, { ...params, limit: params.limit ?? 10 });
  return packNoteReactionsWithNotes(ctx, rows, me);
});
