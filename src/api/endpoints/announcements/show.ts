import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findVisibleAnnouncement, packAnnouncements } from '../../../core/announcements/service.js';
import { AnnouncementSchema } from '../../../core/announcements/schema.js';

export default defineEndpoint({
  summary: 'One announcement: a global one, or one addressed to you.',
  tags: ['meta'],
  requireCredential: false,
  errors: {
    noSuchAnnouncement: { message: 'No such announcement.', code: 'NO_SUCH_ANNOUNCEMENT', id: 'b57b5e1d-4f49-404a-9edb-46b00268f121' },
  },
  params: Type.Object({ announcementId: Type.String({ format: 'misskey:id' }) }),
  res: AnnouncementSchema,
}, async ({ params, me, ctx, fail }) => {
  const row = await findVisibleAnnouncement(ctx, me?.id ?? null, params.announcementId) ?? fail('noSuchAnnouncement');
  const [packed] = await packAnnouncements(ctx, [row], me?.id ?? null);
  return packed!;
});
