import { Type } from '@sinclair/typebox';
import { UserLiteSchema } from '../core/users/schema.js';

const MonthDay = {
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  day: Type.Integer({ minimum: 1, maximum: 31 }),
};

/** The birthday endpoints' request (the fork's `users/get-following-birthday-users`, upstream's `…-users-by-birthday`). */
export const birthdayParams = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  offset: Type.Optional(Type.Integer({ default: 0 })),
  birthday: Type.Union([
    Type.Object(MonthDay),
    Type.Object({ begin: Type.Object(MonthDay), end: Type.Object(MonthDay) }),
  ]),
});

/** One followed user with a birthday in the range: `id` is the user's id, `birthday` their profile's YYYY-MM-DD. */
export const BirthdayUsersSchema = Type.Array(Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  birthday: Type.String(),
  user: UserLiteSchema,
}));
