import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteAnnouncement } from '../../../../core/announcements/service.js';

export default defineEndpoint({
  summary: 'Deletes an announcement and who read it.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:announcements',
  errors: {
    noSuchAnnouncement: { message: 'No such announcement.', code: 'NO_SUCH_ANNOUNCEMENT', id: 'ecad8040-a276-4e85-bda9-015a708d291e' },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteAnnouncement(ctx, me!.id, params.id)) fail('noSuchAnnouncement');
});
