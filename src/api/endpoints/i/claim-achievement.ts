import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unlockAchievement } from '../../../core/achievements/achievements.js';
import { ACHIEVEMENT_NAMES } from '../../../core/achievements/names.js';

export default defineEndpoint({
  summary: 'Unlocks an achievement your client saw you earn (once; a repeated claim changes nothing).',
  description: 'Any of Misskey\'s achievement names, as Misskey accepts them: its client decides most of them. The counter milestones are also unlocked by the server itself.',
  tags: ['account'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  params: Type.Object({
    name: Type.Union(ACHIEVEMENT_NAMES.map((name) => Type.Literal(name))),
  }),
}, async ({ params, me, ctx }) => {
  await unlockAchievement(ctx, me!.id, params.name);
});
