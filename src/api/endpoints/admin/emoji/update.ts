import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { emojiFields, emojiName } from '../../../emoji-params.js';
import { emojiFileFields, findEmojiById, updateEmoji } from '../../../../core/emojis/manage.js';
import { findLocalEmojiByName } from '../../../../core/emojis/read.js';
import { findFileById } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Changes a custom emoji, found by `id` (then `name` renames it) or by `name`; fields left out keep their values.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  errors: {
    noSuchEmoji: { message: 'No such emoji.', code: 'NO_SUCH_EMOJI', id: '684dec9d-a8c2-4364-9aa8-456c49cb1dc8' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '14fb9fd9-0731-4e2f-aeb9-f09e4740333d' },
    sameNameEmojiExists: { message: 'Emoji that have same name already exists.', code: 'SAME_NAME_EMOJI_EXISTS', id: '7180fe9d-1ee3-bff9-647d-fe9896d2ffb8' },
  },
  params: Type.Union([
    Type.Object({ id: Type.String({ format: 'misskey:id' }), name: Type.Optional(emojiName), fileId: Type.Optional(Type.String({ format: 'misskey:id' })), ...emojiFields }),
    Type.Object({ id: Type.Optional(Type.String({ format: 'misskey:id' })), name: emojiName, fileId: Type.Optional(Type.String({ format: 'misskey:id' })), ...emojiFields }),
  ]),
}, async ({ params, me, ctx, fail }) => {
  const emoji = (params.id != null ? await findEmojiById(ctx, params.id) : await findLocalEmojiByName(ctx, params.name!)) ?? fail('noSuchEmoji');
  const { id, fileId, name, ...changes } = params;
  const file = fileId != null ? await findFileById(ctx, fileId) ?? fail('noSuchFile') : null;
  // Misskey: `name` renames only when the emoji was found by id.
  const rename = id != null && name != null && name !== emoji.name ? { name } : {};
  const updated = await updateEmoji(ctx, emoji, { ...changes, ...rename, ...(file ? { file: emojiFileFields(ctx, file) } : {}) }, me!.id);
  if (updated === 'sameNameEmojiExists') fail('sameNameEmojiExists');
});
