import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { EmojiDetailedSchema } from '../../core/emojis/schema.js';
import { packEmojiDetailed } from '../../core/emojis/pack.js';
import { findLocalEmojiByName } from '../../core/emojis/read.js';

export default defineEndpoint({
  summary: 'One custom emoji of this server, by name.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  errors: {
    // Misskey declares no error here (an unknown name ends in its generic 500); Mikan's own id.
    noSuchEmoji: { message: 'No such emoji.', code: 'NO_SUCH_EMOJI', id: 'ad56b582-a453-4009-8fb3-3fa8f45f99d2' },
  },
  params: Type.Object({ name: Type.String() }),
  res: EmojiDetailedSchema,
}, async ({ ctx, params, fail }) => {
  const emoji = await findLocalEmojiByName(ctx, params.name) ?? fail('noSuchEmoji');
  return packEmojiDetailed(emoji);
});
