import type { TestServer } from '../harness.js';
export { expectApiError, commonErrors } from '../api-errors.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

/** Codes and ids exactly as ../shared/spec/errors.tsv (channels/mute/*: Mikan's own, see docs/decisions.md). */
export const channelErrors = {
  create: { noSuchFile: { code: 'NO_SUCH_FILE', id: 'cd1e9f3e-5a12-4ab4-96f6-5d0a2cc32050' } },
  update: {
    noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'f9c5467f-d492-4c3c-9a8d-a70dacc86512' },
    accessDenied: { code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fdf-b8df-057788cce513' },
    noSuchFile: { code: 'NO_SUCH_FILE', id: 'e86c14a4-0da2-4032-8df3-e737a04c7f3b' },
  },
  show: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: '6f6c314b-7486-4897-8966-c04a66a02923' } },
  follow: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'c0031718-d573-4e85-928e-10039f1fbb68' } },
  unfollow: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: '19959ee9-0153-4c51-bbd9-a98c49dc59d6' } },
  favorite: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: '4938f5f3-6167-4c04-9149-6607b7542861' } },
  unfavorite: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: '353c68dd-131a-476c-aa99-88a345e83668' } },
  timeline: { noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: '4d0eeeba-a02c-4c3c-9966-ef60d38d2e7f' } },
  muteCreate: {
    noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'de623e9a-59e8-4448-997d-ff4074b54bc1' },
    alreadyMuting: { code: 'ALREADY_MUTING_CHANNEL', id: 'ebd08e75-56f6-47a4-bd5f-a0539f8e5b0e' },
  },
  muteDelete: {
    noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'a229edb8-0631-442f-b052-db0c53634f1e' },
    notMuting: { code: 'NOT_MUTING_CHANNEL', id: '45edc5a5-e381-42ff-9c07-adcce37a1b69' },
  },
  notesCreate: {
    noSuchChannel: { code: 'NO_SUCH_CHANNEL', id: 'b1653923-5453-4edc-b786-7c4f39bb0bbb' },
    cannotRenoteOutsideOfChannel: { code: 'CANNOT_RENOTE_OUTSIDE_OF_CHANNEL', id: '33510210-8452-094c-6227-4a6c05d99f00' },
  },
  rolePolicyRequired: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
} as const;

/** An id no row has. */
export const MISSING_ID = '9zzzzzzzzzzzzzzz';

export async function createChannel(server: TestServer, user: TestUser, params: Record<string, unknown> = {}): Promise<any> {
  return server.client(user.token).request('channels/create', { name: `channel ${Math.random().toString(36).slice(2, 8)}`, ...params } as any);
}

export async function post(server: TestServer, user: TestUser, params: Record<string, unknown>): Promise<any> {
  const { createdNote } = await server.client(user.token).request('notes/create', params as any);
  return createdNote;
}
