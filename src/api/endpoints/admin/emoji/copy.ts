import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { addEmoji, emojiFileFields, findEmojiById } from '../../../../core/emojis/manage.js';
import { fetchIntoDrive } from '../../../../core/drive/upload-from-url.js';

export default defineEndpoint({
  summary: 'Makes a remote custom emoji a local one: its image is fetched into your drive and the emoji added under the same name.',
  tags: ['admin', 'emoji'],
  requireCredential: true,
  requireRolePolicy: 'canManageCustomEmojis',
  kind: 'write:admin:emoji',
  errors: {
    noSuchEmoji: { message: 'No such emoji.', code: 'NO_SUCH_EMOJI', id: 'e2785b66-dca3-4087-9cac-b93c541cc425' },
    duplicateName: { message: 'Duplicate name.', code: 'DUPLICATE_NAME', id: 'f7a3462c-4e6e-4069-8421-b9bd4f4c3975' },
    failedToUploadImageFromUrl: { message: 'Failed to upload image from url.', code: 'FAILED_TO_UPLOAD_IMAGE_FROM_URL', id: '5c77c4d7-0f68-48f9-8694-8453a2294840' },
  },
  params: Type.Object({ emojiId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const found = await findEmojiById(ctx, params.emojiId);
  // Misskey copies remote emojis only: a local one is `noSuchEmoji`.
  const emoji = found && found.host != null ? found : fail('noSuchEmoji');
  const file = await fetchIntoDrive(ctx, {
    userId: me!.id, url: emoji.originalUrl, folderId: null, isSensitive: false, comment: null, force: true, uploaderIsModerator: true,
  }).catch(() => null) ?? fail('failedToUploadImageFromUrl');
  const copied = await addEmoji(ctx, {
    name: emoji.name, category: emoji.category, aliases: emoji.aliases, license: emoji.license,
    isSensitive: emoji.isSensitive, localOnly: emoji.localOnly,
    roleIdsThatCanBeUsedThisEmojiAsReaction: emoji.roleIdsThatCanBeUsedThisEmojiAsReaction,
    file: emojiFileFields(ctx, file),
  }, me!.id);
  return copied === 'duplicateName' ? fail('duplicateName') : { id: copied.id };
});
