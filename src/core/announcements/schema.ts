import { Type, type TSchema } from '@sinclair/typebox';
import { AnnouncementSchema } from '../users/schema.js';

export { AnnouncementSchema };

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const IconSchema = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('error'), Type.Literal('success')]);
export const DisplaySchema = Type.Union([Type.Literal('normal'), Type.Literal('banner'), Type.Literal('dialog')]);

/** `admin/announcements/list`'s item. */
export const AdminAnnouncementSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  text: Type.String(),
  title: Type.String(),
  icon: IconSchema,
  display: DisplaySchema,
  isActive: Type.Boolean(),
  forExistingUsers: Type.Boolean(),
  silence: Type.Boolean(),
  needConfirmationToRead: Type.Boolean(),
  // The fork's; misskey-js does not list them.
  needEnrollmentTutorialToRead: Type.Optional(Type.Boolean()),
  closeDuration: Type.Optional(Type.Number()),
  displayOrder: Type.Optional(Type.Number()),
  userId: Nullable(Type.String({ format: 'misskey:id' })),
  imageUrl: Nullable(Type.String()),
  reads: Type.Number(),
});

/** What `admin/announcements/create` answers (misskey-js's response). */
export const CreatedAnnouncementSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  title: Type.String(),
  text: Type.String(),
  imageUrl: Nullable(Type.String()),
});
