import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFilesByHash } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Whether a file with this MD5 hash is already in your drive.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({ md5: Type.String() }),
  res: Type.Boolean(),
}, async ({ params, me, ctx }) => (await findFilesByHash(ctx, me!.id, params.md5)).length > 0);
