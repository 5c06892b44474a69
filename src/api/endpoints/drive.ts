import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { driveCapacityBytes, driveUsage } from '../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Your drive: its capacity and how much of it your files take, in bytes.',
  tags: ['drive', 'account'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({}),
  res: Type.Object({ capacity: Type.Number(), usage: Type.Number() }),
}, async ({ me, ctx }) => ({ capacity: await driveCapacityBytes(ctx, me!.id), usage: await driveUsage(ctx.db, me!.id) }));
