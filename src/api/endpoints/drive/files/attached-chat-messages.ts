import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { ChatMessageSchema } from '../../../../core/chat/schema.js';
import { messagesWithFile } from '../../../../core/chat/messages.js';
import { packMessagesDetailed } from '../../../../core/chat/pack.js';
import { findFileById } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'The chat messages you sent with one of your files, newest first.',
  tags: ['drive', 'chat'],
  requireCredential: true,
  kind: 'read:drive',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'c118ece3-2e4b-4296-99d1-51756e32d232' },
  },
  params: Type.Object({
    ...pageParams(10),
    fileId: Type.String({ format: 'misskey:id' }),
  }),
  res: Type.Array(ChatMessageSchema),
}, async ({ params, me, ctx, fail }) => {
  const file = await findFileById(ctx, params.fileId);
  if (!file || file.userId !== me!.id) fail('noSuchFile');
  const rows = await messagesWithFile(ctx, me!.id, params.fileId, { ...params, limit: params.limit ?? 10 });
  return packMessagesDetailed(ctx, rows, me!);
});
