import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { pageParams } from '../paging.js';
import { listAnnouncements } from '../../core/announcements/service.js';
import { AnnouncementSchema } from '../../core/announcements/schema.js';

export default defineEndpoint({
  summary: 'The instance\'s announcements (and, signed in, the ones addressed to you), with `isRead` for you.',
  tags: ['meta'],
  requireCredential: false,
  params: Type.Object({
    ...pageParams(10),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    isActive: Type.Optional(Type.Boolean({ default: true })),
  }),
  res: Type.Array(AnnouncementSchema),
}, async ({ params, me, ctx }) => listAnnouncements(ctx, me?.id ?? null, { ...params, limit: params.limit ?? 10, offset: params.offset ?? 0, isActive: params.isActive ?? true }));
