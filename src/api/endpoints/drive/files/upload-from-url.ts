import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { uploadFromUrl } from '../../../../core/drive/upload-from-url.js';

export default defineEndpoint({
  summary: 'Fetches a file from a URL into your drive. Answers at once; the file is announced on the `main` stream (`urlUploadFinished` with your `marker`, and `driveFileCreated`).',
  description: 'Only http(s) URLs on public addresses are fetched; redirects are checked again; the size limit of uploads applies.',
  tags: ['drive'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:drive',
  limit: { duration: 3_600_000, max: 60 },
  params: Type.Object({
    url: Type.String(),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()], { default: null })),
    marker: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    force: Type.Optional(Type.Boolean({ default: false })),
  }),
}, async ({ params, me, ctx }) => {
  void uploadFromUrl(ctx, {
    userId: me!.id, url: params.url, folderId: params.folderId ?? null, isSensitive: params.isSensitive ?? false,
    comment: params.comment ?? null, marker: params.marker ?? null, force: params.force ?? false,
    uploaderIsModerator: me!.isModerator || me!.isAdmin,
  });
});
