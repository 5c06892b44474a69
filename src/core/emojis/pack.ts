import type { Static } from '@sinclair/typebox';
import type { EmojiRow } from '../../db/schema/index.js';
import type { EmojiDetailedSchema, EmojiSimpleSchema } from './schema.js';

export type EmojiSimple = Static<typeof EmojiSimpleSchema>;
export type EmojiDetailed = Static<typeof EmojiDetailedSchema>;

// Rows from before publicUrl existed have it empty (not null); Misskey falls back the same way.
function emojiUrl(emoji: EmojiRow): string {
  return emoji.publicUrl || emoji.originalUrl;
}

/** As Misskey: false flags and empty role lists are omitted, not sent as false / []. */
export function packEmojiSimple(emoji: EmojiRow): EmojiSimple {
  return {
    aliases: emoji.aliases,
    name: emoji.name,
    category: emoji.category,
    url: emojiUrl(emoji),
    ...(emoji.localOnly ? { localOnly: true } : {}),
    ...(emoji.isSensitive ? { isSensitive: true } : {}),
    ...(emoji.roleIdsThatCanBeUsedThisEmojiAsReaction.length > 0
      ? { roleIdsThatCanBeUsedThisEmojiAsReaction: emoji.roleIdsThatCanBeUsedThisEmojiAsReaction }
      : {}),
  };
}

export function packEmojiDetailed(emoji: EmojiRow): EmojiDetailed {
  return {
    id: emoji.id,
    aliases: emoji.aliases,
    name: emoji.name,
    category: emoji.category,
    host: emoji.host,
    url: emojiUrl(emoji),
    license: emoji.license,
    isSensitive: emoji.isSensitive,
    localOnly: emoji.localOnly,
    roleIdsThatCanBeUsedThisEmojiAsReaction: emoji.roleIdsThatCanBeUsedThisEmojiAsReaction,
  };
}
