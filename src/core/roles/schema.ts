import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { RoleLiteSchema } from '../users/schema.js';

// As misskey-js declares `Role` (components.schemas); test/types/all-endpoints.ts checks the fit.

type PolicyValue = NonNullable<entities.Role['policies'][string]['value']>;

export const RolePolicySettingSchema = Type.Object({
  // misskey-js types this number | boolean, but Misskey sends every policy's own type here
  // (uploadableFileTypes is a string array, chatAvailability a string): validated as any value.
  value: Type.Optional(Type.Unsafe<PolicyValue>({ description: 'The policy\'s value: a number, boolean, string or string array.' })),
  priority: Type.Optional(Type.Number()),
  useDefault: Type.Optional(Type.Boolean()),
});

export const RoleSchema = Type.Composite([RoleLiteSchema, Type.Object({
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  target: Type.Union([Type.Literal('manual'), Type.Literal('conditional')]),
  // A tree of Misskey's RoleCondFormulaValue nodes; a manual role's is `{}`, as in Misskey.
  condFormula: Type.Unsafe<entities.Role['condFormula']>({ type: 'object' }),
  isPublic: Type.Boolean(),
  isExplorable: Type.Boolean(),
  asBadge: Type.Boolean(),
  preserveAssignmentOnMoveAccount: Type.Boolean(),
  canEditMembersByModerator: Type.Boolean(),
  policies: Type.Record(Type.String(), RolePolicySettingSchema),
  usersCount: Type.Integer(),
})]);
