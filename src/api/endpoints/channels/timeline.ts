import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findChannel } from '../../../core/channels/read.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { channelTimeline } from '../../../core/timelines/timelines.js';

export default defineEndpoint({
  summary: 'Notes posted in one channel, newest first.',
  tags: ['notes', 'channels'],
  requireCredential: false,
  errors: {
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: '4d0eeeba-a02c-4c3c-9966-ef60d38d2e7f' },
  },
  params: Type.Object({
    channelId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
    allowPartial: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const channel = await findChannel(ctx, params.channelId) ?? fail('noSuchChannel');
  const rows = await channelTimeline(ctx, me, channel.id, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
