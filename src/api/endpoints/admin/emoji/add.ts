import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { emojiFields, emojiName } from '../../../emoji-params.js';
import { EmojiDetailedSchema } from '../../../../core/emojis/schema.js';
import { packEmojiDetailed } from '../../../../core/emojis/pack.js';
import { addEmoji, emojiFileFields } from '../../../../core/emojis/manage.js';
import { findFileById } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Adds a custom emoji made of a drive file (moderators, or roles with `canManageCustomEmojis`).',
  description: 'The emoji is served at its file\'s URL; `emojiAdded` goes out on every streaming connection.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'fc46b5a4-6b92-4c33-ac66-b806659bb5cf' },
    unsupportedFileType: { message: 'Unsupported file type.', code: 'UNSUPPORTED_FILE_TYPE', id: 'f7599d96-8750-af68-1633-9575d625c1a7' },
    duplicateName: { message: 'Duplicate name.', code: 'DUPLICATE_NAME', id: 'f7a3462c-4e6e-4069-8421-b9bd4f4c3975' },
  },
  params: Type.Object({
    name: emojiName,
    fileId: Type.String({ format: 'misskey:id' }),
    ...emojiFields,
  }),
  res: EmojiDetailedSchema,
}, async ({ params, me, ctx, fail }) => {
  const file = await findFileById(ctx, params.fileId) ?? fail('noSuchFile');
  // An emoji is shown as an image: anything else would be a broken picture in every note.
  if (!file.type.startsWith('image/')) fail('unsupportedFileType');
  const { fileId: _fileId, ...input } = params;
  const emoji = await addEmoji(ctx, { ...input, file: emojiFileFields(ctx, file) }, me!.id);
  return emoji === 'duplicateName' ? fail('duplicateName') : packEmojiDetailed(emoji);
});
