import { Type, type Static } from '@sinclair/typebox';
import { UserDetailedNotMeSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

export const BlockingSchema = Type.Object({ id: Id, createdAt: DateTime, blockeeId: Id, blockee: UserDetailedNotMeSchema });
export type Blocking = Static<typeof BlockingSchema>;

export const MutingSchema = Type.Object({ id: Id, createdAt: DateTime, expiresAt: Type.Union([DateTime, Type.Null()]), muteeId: Id, mutee: UserDetailedNotMeSchema });
export type Muting = Static<typeof MutingSchema>;

export const RenoteMutingSchema = Type.Object({ id: Id, createdAt: DateTime, muteeId: Id, mutee: UserDetailedNotMeSchema });
export type RenoteMuting = Static<typeof RenoteMutingSchema>;
