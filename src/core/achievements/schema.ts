import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { ACHIEVEMENT_NAMES } from './names.js';

/** An achievement name: validated against the fork's list, typed as misskey-js's `AchievementName`. */
export const AchievementNameSchema = Type.Unsafe<entities.Achievement['name']>(Type.Union(ACHIEVEMENT_NAMES.map((name) => Type.Literal(name))));

/** misskey-js `Achievement`. */
export const UnlockedAchievementSchema = Type.Object({
  name: AchievementNameSchema,
  unlockedAt: Type.Number(),
});
