import type { ApiErrorDefinition } from './errors.js';

/**
 * Refusals of account creation. Misskey answers sign-up failures with the framework's plain 400
 * and the reason only in its message (`Error: DUPLICATED_USERNAME`); Mikan sends its usual error
 * body with the reason as `code`. The ids are Mikan's own (Misskey has none for these).
 */
export const signupErrors = {
  INVALID_USERNAME: { message: 'Invalid username: use 1 to 20 letters, digits or underscores.', code: 'INVALID_USERNAME', id: 'c4604015-9c9b-43de-8ab0-bc130cb2c748' },
  INVALID_PASSWORD: { message: 'Invalid password: it must not be empty.', code: 'INVALID_PASSWORD', id: '4d379b97-bbe4-438f-bb0a-758db5febd2e' },
  DUPLICATED_USERNAME: { message: 'This username is already taken.', code: 'DUPLICATED_USERNAME', id: 'a590e50d-4aaa-476f-ae0a-fb7794226d15' },
  USED_USERNAME: { message: 'This username was used by an account before and cannot be taken again.', code: 'USED_USERNAME', id: '694d4e5b-0fee-4052-aa72-ba617cb90cab' },
  DENIED_USERNAME: { message: 'This username is reserved.', code: 'DENIED_USERNAME', id: '354c2d1b-9821-4d2c-8cb5-d245bd74d3b6' },
  // Misskey answers an unknown, used or expired invitation code with an empty 400; these say which.
  NO_SUCH_INVITATION_CODE: { message: 'No such invitation code.', code: 'NO_SUCH_INVITATION_CODE', id: 'a3a0a1e8-5d1e-4a43-9b9c-0f7f1c2a6e51' },
  INVITATION_CODE_USED: { message: 'This invitation code has already been used.', code: 'INVITATION_CODE_USED', id: '0e8b4f5c-7a7e-4d2b-9d3e-6b1f2c8a9e14' },
  INVITATION_CODE_EXPIRED: { message: 'This invitation code has expired.', code: 'INVITATION_CODE_EXPIRED', id: 'c6d2e0b9-3f4a-4e8b-8a71-5d9c2b7e1f30' },
} as const satisfies Record<string, ApiErrorDefinition>;

/** Mikan's own: Misskey answers these with an empty 400. */
export const registrationErrors = {
  /** Also when registration is invitation-only and no code was given. */
  registrationClosed: { message: 'Registration is closed on this server: sign up with an invitation code.', code: 'REGISTRATION_CLOSED', id: '27f03dbd-fcce-4bbc-a800-798d6edb8aa7' },
  invalidEmailAddress: { message: 'A valid email address is required.', code: 'INVALID_EMAIL_ADDRESS', id: '55257680-dce5-4e58-92fb-ca5548d58618' },
  setupRequired: {
    message: 'This server has no account yet: create the first one through first-run setup (admin/accounts/create) with the setup password.',
    code: 'SETUP_REQUIRED', id: 'e985345c-be0d-457d-9740-f46b6b1d0775', kind: 'permission',
  },
} as const satisfies Record<string, ApiErrorDefinition>;

/** signin-flow's refusals (../shared/spec/errors.tsv, route-handler rows). Misskey sends only the id for most. */
export const signinErrorIds = {
  noSuchUser: '6cc579cc-885d-43d8-95c2-b8c7fc963280',
  userSuspended: 'e03a5f46-d309-4865-9b69-56282d94e1eb',
  authFailed: '932c904e-9460-45b7-9ce6-7ed33be7eb2c',
  internalFailure: '4e30e80c-e338-45a0-8c8f-44455efa3b76',
  /** Misskey's: a wrong or replayed TOTP code, or a used or unknown backup code. */
  totpFailed: 'cdf1235b-ac71-46d4-a3a6-84ccce48df6f',
  /** Misskey's: a security key's answer that does not verify. */
  credentialFailed: '93b86c4b-72f9-40eb-9815-798928603d1e',
} as const;

/** signin-with-passkey's refusals (../shared/spec/errors.tsv); Misskey sends only the id. */
export const passkeySigninErrorIds = {
  missingContext: '1658cc2e-4495-461f-aee4-d403cdf073c1',
  authFailed: '932c904e-9460-45b7-9ce6-7ed33be7eb2c',
  noSuchUser: '652f899f-66d4-490e-993e-6606c8ec04c3',
  userSuspended: 'e03a5f46-d309-4865-9b69-56282d94e1eb',
  passwordlessNotEnabled: '2d84773e-f7b7-4d0b-8f72-bb69b584c912',
  internalFailure: '4e30e80c-e338-45a0-8c8f-44455efa3b76',
  /** Misskey's ids "vary" (its WebAuthn service's own); Mikan's: the challenge is unknown, used or expired. */
  noChallenge: '4e9f1c0a-2a5b-4f0d-9c1e-7b8a6d5c3e21',
  /** Mikan's: no account has this passkey. */
  unknownKey: '5f0a2d1b-3b6c-4a1e-8d2f-8c9b7e6d4f32',
  /** Mikan's: the signature, origin, relying party or challenge does not verify. */
  verificationFailed: '6a1b3e2c-4c7d-4b2f-9e3a-9d0c8f7e5a43',
} as const;

export const signinRateErrors = {
  /** Too many attempts from one IP address. */
  rateLimited: { message: 'Too many sign-in attempts. Try again later.', code: 'RATE_LIMIT_EXCEEDED', id: '22d05606-fbcf-421a-a2db-b32610dcfd1b', httpStatusCode: 429 },
  /** Too many failed passwords for one account. */
  tooManyFailures: { message: 'Too many failed attempts to sign in to this account. Try again later.', code: 'TOO_MANY_AUTHENTICATION_FAILURES', id: '6c181469-ecb9-42d2-82c9-60db5486a819', httpStatusCode: 429 },
} as const satisfies Record<string, ApiErrorDefinition>;

export const passkeySigninRateErrors = {
  rateLimited: signinRateErrors.rateLimited,
  tooManyFailures: { message: 'Too many failed passkey sign-ins. Try again later.', code: 'TOO_MANY_AUTHENTICATION_FAILURES', id: 'dffc9b5f-7f8c-4c06-a355-ea84632b462c', httpStatusCode: 429 },
} as const satisfies Record<string, ApiErrorDefinition>;
