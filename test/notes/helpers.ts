import { expect } from 'vitest';
import type { TestServer } from '../harness.js';
import { commonErrors } from '../api-errors.js';
export { expectApiError } from '../api-errors.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const errors = {
  ...commonErrors,
  create: {
    noSuchRenoteTarget: { code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4' },
    cannotReRenote: { code: 'CANNOT_RENOTE_TO_A_PURE_RENOTE', id: 'fd4cc33e-2a37-48dd-99cc-9b806eb2031a' },
    cannotRenoteDueToVisibility: { code: 'CANNOT_RENOTE_DUE_TO_VISIBILITY', id: 'be9529e9-fe72-4de0-ae43-0b363c4938af' },
    noSuchReplyTarget: { code: 'NO_SUCH_REPLY_TARGET', id: '749ee0f6-d3da-459a-bf02-282e2da4292c' },
    cannotReplyToInvisibleNote: { code: 'CANNOT_REPLY_TO_AN_INVISIBLE_NOTE', id: 'b98980fa-3780-406c-a935-b6d0eeee10d1' },
    cannotReplyToPureRenote: { code: 'CANNOT_REPLY_TO_A_PURE_RENOTE', id: '3ac74a84-8fd5-4bb0-870f-01804f82ce15' },
    cannotReplyToSpecified: { code: 'CANNOT_REPLY_TO_SPECIFIED_VISIBILITY_NOTE_WITH_EXTENDED_VISIBILITY', id: 'ed940410-535c-4d5e-bfa3-af798671e93c' },
    cannotCreateAlreadyExpiredPoll: { code: 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', id: '04da457d-b083-4055-9082-955525eda5a5' },
    noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'b1653923-5453-4edc-b786-7c4f39bb0bbb' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: 'b390d7e1-8a5e-46ed-b625-06271cafd3d3' },
    noSuchFile: { code: 'NO_SUCH_FILE', id: 'b6992544-63e7-67f0-fa7f-32444b1b5306' },
    containsTooManyMentions: { code: 'CONTAINS_TOO_MANY_MENTIONS', id: '4de0363a-3046-481b-9b0f-feff3e211025' },
  },
  show: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d' },
    signinRequired: { code: 'SIGNIN_REQUIRED', id: '8e75455b-738c-471d-9f80-62693f33372e' },
  },
  delete: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '490be23f-8c1f-4796-819f-94cb4f9d1630' },
    accessDenied: { code: 'ACCESS_DENIED', id: 'fe8d7103-0ea8-4ec3-814d-f8b401dc69e9' },
  },
  unrenote: { noSuchNote: { code: 'NO_SUCH_NOTE', id: 'efd4a259-2442-496b-8dd7-b255aa1a160f' } },
  gtlDisabled: { code: 'GTL_DISABLED', id: '0332fc13-6ab2-4427-ae80-a9fadffd1a6b' },
  stlDisabled: { code: 'STL_DISABLED', id: '620763f4-f621-4533-ab33-0577a1a3c342' },
  ltlDisabled: { code: 'LTL_DISABLED', id: '45a6eb02-7695-4393-b023-dd3be9aaaefd' },
  noSuchList: { code: 'NO_SUCH_LIST', id: '8fb1fbd5-e476-4c37-9fb0-43d55b63a2ff' },
} as const;

/** N fresh users. */
export function createUsers(server: TestServer, count: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => server.createUser()));
}


/** Posts a note through the API and returns it. */
export async function post(server: TestServer, user: TestUser, params: Record<string, unknown>): Promise<any> {
  const { createdNote } = await server.client(user.token).request('notes/create', params as any);
  return createdNote;
}
