import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listAchievements } from '../../../core/achievements/achievements.js';
import { UnlockedAchievementSchema } from '../../../core/achievements/schema.js';

export default defineEndpoint({
  summary: 'A user\'s unlocked achievements, oldest first (none for remote or unknown users).',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Array(UnlockedAchievementSchema),
}, async ({ params, ctx }) => {
  return (await listAchievements(ctx, params.userId)) as { name: never; unlockedAt: number }[];
});
