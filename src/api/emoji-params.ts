import { Type } from '@sinclair/typebox';

const Id = Type.String({ format: 'misskey:id' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The fields `admin/emoji/add` and `admin/emoji/update` share (the fork's params, ../shared/spec/params.json). */
export const emojiFields = {
  category: Type.Optional(NullableString),
  aliases: Type.Optional(Type.Array(Type.String())),
  license: Type.Optional(NullableString),
  isSensitive: Type.Optional(Type.Boolean()),
  localOnly: Type.Optional(Type.Boolean()),
  requestedBy: Type.Optional(NullableString),
  memo: Type.Optional(NullableString),
  roleIdsThatCanBeUsedThisEmojiAsReaction: Type.Optional(Type.Array(Id)),
  roleIdsThatCanNotBeUsedThisEmojiAsReaction: Type.Optional(Type.Array(Id)),
};

export const emojiName = Type.String({ pattern: '^[a-zA-Z0-9_]+$' });

/** The `ids` + `aliases` of the three alias bulk endpoints. */
export const bulkAliasParams = Type.Object({ ids: Type.Array(Id), aliases: Type.Array(Type.String()) });
