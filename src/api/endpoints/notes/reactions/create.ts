import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createReaction } from '../../../../core/reactions/reactions.js';

export default defineEndpoint({
  summary: 'Reacts to a note. A different reaction replaces yours; the note\'s `reactionAcceptance` may turn it into ❤.',
  tags: ['reactions', 'notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:reactions',
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '033d0620-5bfe-4027-965d-980b0c85a3ea' },
    alreadyReacted: { message: 'You are already reacting to that note.', code: 'ALREADY_REACTED', id: '71efcf98-86d6-4e2b-b2ad-9d032369366b' },
    youHaveBeenBlocked: { message: 'You cannot react this note because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: '20ef5475-9f38-4e4c-bd33-de6d979498ec' },
    cannotReactToRenote: { message: 'You cannot react to Renote.', code: 'CANNOT_REACT_TO_RENOTE', id: 'eaccdc08-ddef-43fe-908f-d108faad57f5' },
  },
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    reaction: Type.String(),
  }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await createReaction(ctx, me!, params.noteId, params.reaction);
  if (refused) fail(refused);
});
