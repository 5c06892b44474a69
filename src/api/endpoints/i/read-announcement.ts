import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { readAnnouncement } from '../../../core/announcements/service.js';

export default defineEndpoint({
  summary: 'Marks an announcement read for you (idempotent). An announcement you cannot see is left alone, as in Misskey.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  params: Type.Object({ announcementId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx }) => {
  await readAnnouncement(ctx, me!.id, params.announcementId);
});
