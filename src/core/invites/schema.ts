import { Type, type TSchema } from '@sinclair/typebox';
import { UserLiteSchema } from '../users/schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** misskey-js `InviteCode`. */
export const InviteCodeSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  code: Type.String(),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(UserLiteSchema),
  usedBy: Nullable(UserLiteSchema),
  usedAt: Nullable(Type.String({ format: 'date-time' })),
  used: Type.Boolean(),
});
