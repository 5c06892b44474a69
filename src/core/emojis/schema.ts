import { Type } from '@sinclair/typebox';

/**
 * Misskey's EmojiSimple: what clients fetch in bulk to render `:name:`. The three flags are left out
 * when they carry no information (false / empty), which keeps the list small; hence optional.
 */
export const EmojiSimpleSchema = Type.Object({
  aliases: Type.Array(Type.String()),
  name: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  localOnly: Type.Optional(Type.Boolean()),
  isSensitive: Type.Optional(Type.Boolean()),
  roleIdsThatCanBeUsedThisEmojiAsReaction: Type.Optional(Type.Array(Type.String())),
});

/** Misskey's EmojiDetailed: one emoji with everything a client may show about it. */
export const EmojiDetailedSchema = Type.Object({
  id: Type.String(),
  aliases: Type.Array(Type.String()),
  name: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  host: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  license: Type.Union([Type.String(), Type.Null()]),
  isSensitive: Type.Boolean(),
  localOnly: Type.Boolean(),
  roleIdsThatCanBeUsedThisEmojiAsReaction: Type.Array(Type.String()),
});
