import type { TestServer } from '../harness.js';
import { commonErrors } from '../api-errors.js';
export { expectApiError } from '../api-errors.js';
export { startDriveServer as startModerationServer } from '../drive/helpers.js';

/** Codes and ids: Misskey's from ../shared/spec/errors.tsv, Mikan's own from src/api/moderation-errors.ts. */
export const e = {
  ...commonErrors,
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
  adminRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' },
  accessDenied: { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' },
  yourAccountSuspended: { code: 'YOUR_ACCOUNT_SUSPENDED', id: 'a8c724b3-6e9c-4b46-b1a8-bc3ed6258370' },
  userSuspended: { code: 'USER_SUSPENDED', id: 'c1e1b0d6-2b7c-4c1d-9f1d-2d3d6e8d7e7f' },
  noSuchUser: { code: 'NO_SUCH_USER', id: '0a408057-b583-4d8d-8d22-a615e654e5b0' },
  cannotSuspendModerator: { code: 'CANNOT_SUSPEND_MODERATOR', id: '21142c80-2130-4c02-80d8-3e9c29a1898a' },
  cannotResetRootPassword: { code: 'CANNOT_RESET_ROOT_PASSWORD', id: 'f3e865d6-8117-418f-a537-931e7697246c' },
  cannotDeleteRoot: { code: 'CANNOT_DELETE_ROOT', id: '4347ee66-ffa6-45fa-89d8-ad2feee57afb' },
  cannotActOnAdministrator: { code: 'CANNOT_ACT_ON_ADMINISTRATOR', id: 'abe943ef-dcb2-4e83-9abb-02ab2ddf1f41' },
  noSuchFile: { code: 'NO_SUCH_FILE', id: 'caf3ca38-c6e5-472e-a30c-b05377dcc240' },
  resolveNoSuchReport: { code: 'NO_SUCH_ABUSE_REPORT', id: 'ac3794dd-2ce4-d878-e546-73c60c06b398' },
  updateNoSuchReport: { code: 'NO_SUCH_ABUSE_REPORT', id: '15f51cf5-46d1-4b1d-a618-b35bcbed0662' },
  forwardNoSuchReport: { code: 'NO_SUCH_ABUSE_REPORT', id: '8763e21b-d9bc-40be-acf6-54c1a6986493' },
  cannotForwardLocalReport: { code: 'CANNOT_FORWARD_LOCAL_REPORT', id: '9bb0643f-57d9-4f94-adc8-0ac986ccae07' },
  alreadyForwarded: { code: 'ALREADY_FORWARDED', id: '77dea8b2-aee2-4ab9-ab73-2262a907b699' },
  correlationCheckEmail: { code: 'CORRELATION_CHECK_EMAIL', id: '348bb8ae-575a-6fe9-4327-5811999def8f' },
  correlationCheckWebhook: { code: 'CORRELATION_CHECK_WEBHOOK', id: 'b0c15051-de2d-29ef-260c-9585cddd701a' },
  emailAddressNotSet: { code: 'EMAIL_ADDRESS_NOT_SET', id: '7cc1d85e-2f58-fc31-b644-3de8d0d3421f' },
  emailNotSupported: { code: 'EMAIL_NOT_SUPPORTED', id: '3cddcf06-9565-4028-8379-79ad8e7163b4' },
  noSuchRecipient: { code: 'NO_SUCH_RECIPIENT', id: '013de6a8-f757-04cb-4d73-cc2a7e3368e4' },
  noSuchSystemWebhook: { code: 'NO_SUCH_SYSTEM_WEBHOOK', id: '38dd1ffe-04b4-6ff5-d8ba-4e6a6ae22c9d' },
  testNoSuchWebhook: { code: 'NO_SUCH_WEBHOOK', id: '0c52149c-e913-18f8-5dc7-74870bfe0cf9' },
} as const;

/** An id no row has. */
export const unknownId = 'zzzzzzzzzzzzzzzz';

export type Account = Awaited<ReturnType<TestServer['createUser']>>;

/** A moderator, an administrator and two plain members. */
export async function staff(server: TestServer): Promise<{ moderator: Account; admin: Account; member: Account; other: Account }> {
  const [moderator, admin, member, other] = await Promise.all([
    server.createUser({ isModerator: true }), server.createUser({ isAdmin: true }), server.createUser(), server.createUser(),
  ]);
  return { moderator, admin, member, other };
}
