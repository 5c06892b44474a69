import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { updateAnnouncement } from '../../../../core/announcements/service.js';
import { DisplaySchema, IconSchema } from '../../../../core/announcements/schema.js';

export default defineEndpoint({
  summary: 'Changes an announcement; `isActive: false` archives it. Fields left out keep their values.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:announcements',
  errors: {
    noSuchAnnouncement: { message: 'No such announcement.', code: 'NO_SUCH_ANNOUNCEMENT', id: 'd3aae5a7-6372-4cb4-b61c-f511ffc2d7cc' },
  },
  params: Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
    imageUrl: Type.Optional(Type.Union([Type.String({ minLength: 0, maxLength: 1024 }), Type.Null()])),
    icon: Type.Optional(IconSchema),
    display: Type.Optional(DisplaySchema),
    forExistingUsers: Type.Optional(Type.Boolean()),
    needConfirmationToRead: Type.Optional(Type.Boolean()),
    needEnrollmentTutorialToRead: Type.Optional(Type.Boolean()),
    // The fork declares `default: 0` for these two, so leaving them out resets them (as there).
    closeDuration: Type.Optional(Type.Number({ default: 0, minimum: -2147483648, maximum: 2147483647 })),
    displayOrder: Type.Optional(Type.Number({ default: 0, minimum: -2147483648, maximum: 2147483647 })),
    silence: Type.Optional(Type.Boolean()),
    isActive: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { id, imageUrl, ...rest } = params;
  const update = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const row = await updateAnnouncement(ctx, me!.id, id, { ...update, ...(imageUrl !== undefined ? { imageUrl: imageUrl || null } : {}) });
  if (!row) fail('noSuchAnnouncement');
});
