import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { ApiError, apiErrors } from '../../../errors.js';
import { createAnnouncement, NoSuchAnnouncementUser } from '../../../../core/announcements/service.js';
import { CreatedAnnouncementSchema, DisplaySchema, IconSchema } from '../../../../core/announcements/schema.js';

export default defineEndpoint({
  summary: 'Publishes an announcement: to everyone, or to one user (`userId`). `announcementCreated` goes out on the streams.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:announcements',
  params: Type.Object({
    title: Type.String({ minLength: 1, maxLength: 256 }),
    text: Type.String({ minLength: 1, maxLength: 100_000 }),
    imageUrl: Type.Union([Type.String({ minLength: 0, maxLength: 1024 }), Type.Null()]),
    icon: Type.Optional(IconSchema),
    display: Type.Optional(DisplaySchema),
    forExistingUsers: Type.Optional(Type.Boolean({ default: false })),
    needConfirmationToRead: Type.Optional(Type.Boolean({ default: false })),
    needEnrollmentTutorialToRead: Type.Optional(Type.Boolean({ default: false })),
    closeDuration: Type.Optional(Type.Number({ default: 0, minimum: -2147483648, maximum: 2147483647 })),
    displayOrder: Type.Optional(Type.Number({ default: 0, minimum: -2147483648, maximum: 2147483647 })),
    silence: Type.Optional(Type.Boolean({ default: false })),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
  }),
  res: CreatedAnnouncementSchema,
}, async ({ params, me, ctx }) => {
  try {
    const row = await createAnnouncement(ctx, me!.id, {
      title: params.title,
      text: params.text,
      imageUrl: params.imageUrl || null,
      icon: params.icon ?? 'info',
      display: params.display ?? 'normal',
      forExistingUsers: params.forExistingUsers ?? false,
      needConfirmationToRead: params.needConfirmationToRead ?? false,
      needEnrollmentTutorialToRead: params.needEnrollmentTutorialToRead ?? false,
      closeDuration: params.closeDuration ?? 0,
      displayOrder: params.displayOrder ?? 0,
      silence: params.silence ?? false,
      userId: params.userId ?? null,
    });
    return { id: row.id, createdAt: row.createdAt.toISOString(), updatedAt: null, title: row.title, text: row.text, imageUrl: row.imageUrl };
  } catch (error) {
    // Misskey declares no error here (a missing user is a 500 there); Mikan answers INVALID_PARAM.
    if (error instanceof NoSuchAnnouncementUser) throw new ApiError(apiErrors.invalidParam, { param: '#/properties/userId', reason: 'No such user.' });
    throw error;
  }
});
