import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listAnnouncementsForAdmin } from '../../../../core/announcements/service.js';
import { AdminAnnouncementSchema } from '../../../../core/announcements/schema.js';

export default defineEndpoint({
  summary: 'Every announcement, newest first, with how many users read each; by addressee and active/archived.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:announcements',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('archived'), Type.Null()])),
  }),
  res: Type.Array(AdminAnnouncementSchema),
}, async ({ params, ctx }) => listAnnouncementsForAdmin(ctx, { ...params, limit: params.limit ?? 10, offset: params.offset ?? 0 }));
