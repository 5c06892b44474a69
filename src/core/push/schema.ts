import { Type } from '@sinclair/typebox';

/** sw/show-registration and sw/update-registration's answer. */
export const RegistrationSchema = Type.Object({
  userId: Type.String(),
  endpoint: Type.String(),
  sendReadMessage: Type.Boolean(),
});
