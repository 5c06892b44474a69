import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { EmojiSimpleSchema } from '../../core/emojis/schema.js';
import { packEmojiSimple } from '../../core/emojis/pack.js';
import { listLocalEmojis } from '../../core/emojis/read.js';

export default defineEndpoint({
  summary: 'Every custom emoji of this server, by category then name.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({}),
  res: Type.Object({ emojis: Type.Array(EmojiSimpleSchema) }),
}, async ({ ctx }) => ({ emojis: (await listLocalEmojis(ctx)).map(packEmojiSimple) }));
