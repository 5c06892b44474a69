import { commonErrors } from '../api-errors.js';
import type { TestServer } from '../harness.js';

export { createUsers, expectApiError, type TestUser } from '../notes/helpers.js';

/** Error codes and ids exactly as ../shared/spec/errors.tsv (Mikan's own marked so). */
export const e = {
  ...commonErrors,
  roleDenied: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
  toUser: {
    recipientIsYourself: { code: 'RECIPIENT_IS_YOURSELF', id: '17e2ba79-e22a-4cbc-bf91-d327643f4a7e' },
    noSuchUser: { code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' },
    noSuchFile: { code: 'NO_SUCH_FILE', id: '4372b8e2-185d-4146-8749-2f68864a3e5f' },
    contentRequired: { code: 'CONTENT_REQUIRED', id: '25587321-b0e6-449c-9239-f8925092942c' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: 'c15a5199-7422-4968-941a-2a462c478f7d' },
    /** Mikan's own (docs/decisions.md). */
    recipientRefusesChat: { code: 'RECIPIENT_REFUSES_CHAT', id: '4a4e7c1e-3c0f-4d6b-9f55-2d0c1f6a7b21' },
  },
  toRoom: {
    noSuchRoom: { code: 'NO_SUCH_ROOM', id: '8098520d-2da5-4e8f-8ee1-df78b55a4ec6' },
    noSuchFile: { code: 'NO_SUCH_FILE', id: 'b6accbd3-1d7b-4d9f-bdb7-eb185bac06db' },
    contentRequired: { code: 'CONTENT_REQUIRED', id: '340517b7-6d04-42c0-bac1-37ee804e3594' },
  },
  deleteMessage: { noSuchMessage: { code: 'NO_SUCH_MESSAGE', id: '36b67f0e-66a6-414b-83df-992a55294f17' } },
  react: { noSuchMessage: { code: 'NO_SUCH_MESSAGE', id: '9b5839b9-0ba0-4351-8c35-37082093d200' } },
  unreact: { noSuchMessage: { code: 'NO_SUCH_MESSAGE', id: 'c39ea42f-e3ca-428a-ad57-390e0a711595' } },
  show: { noSuchMessage: { code: 'NO_SUCH_MESSAGE', id: '3710865b-1848-4da9-8d61-cfed15510b93' } },
  userTimeline: { noSuchUser: { code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' } },
  roomTimeline: { noSuchRoom: { code: 'NO_SUCH_ROOM', id: 'c4d9f88c-9270-4632-b032-6ed8cee36f7f' } },
  search: { noSuchRoom: { code: 'NO_SUCH_ROOM', id: '460b3669-81b0-4dc9-a997-44442141bf83' } },
  rooms: {
    delete: { code: 'NO_SUCH_ROOM', id: 'd4e3753d-97bf-4a19-ab8e-21080fbc0f4b' },
    invite: { code: 'NO_SUCH_ROOM', id: '916f9507-49ba-4e90-b57f-1fd4deaa47a5' },
    ignore: { code: 'NO_SUCH_ROOM', id: '5130557e-5a11-4cfb-9cc5-fe60cda5de0d' },
    outbox: { code: 'NO_SUCH_ROOM', id: 'a3c6b309-9717-4316-ae94-a69b53437237' },
    join: { code: 'NO_SUCH_ROOM', id: '84416476-5ce8-4a2c-b568-9569f1b10733' },
    leave: { code: 'NO_SUCH_ROOM', id: 'cb7f3179-50e8-4389-8c30-dbe2650a67c9' },
    members: { code: 'NO_SUCH_ROOM', id: '7b9fe84c-eafc-4d21-bf89-485458ed2c18' },
    mute: { code: 'NO_SUCH_ROOM', id: 'c2cde4eb-8d0f-42f1-8f2f-c4d6bfc8e5df' },
    show: { code: 'NO_SUCH_ROOM', id: '857ae02f-8759-4d20-9adb-6e95fffe4fd7' },
    update: { code: 'NO_SUCH_ROOM', id: 'fcdb0f92-bda6-47f9-bd05-343e0e020932' },
    /** Mikan's own (docs/decisions.md). */
    inviteNoSuchUser: { code: 'NO_SUCH_USER', id: '11795c64-40ea-4198-b06e-3c873ed9039d' },
    cannotInvite: { code: 'CANNOT_INVITE', id: '9c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  },
} as const;

export const unknownId = 'zzzzzzzzzzzzzzzz';

/** Users who accept chat from everyone (the default `chatScope` is `mutual`). */
export async function openToChat(server: TestServer, token: string): Promise<void> {
  await server.client(token).request('i/update', { chatScope: 'everyone' });
}

/** Collects a channel's events by type. */
export function collect(channel: { on(type: any, listener: any): unknown }, types: string[]): { type: string; body: any }[] {
  const received: { type: string; body: any }[] = [];
  for (const type of types) channel.on(type, (body: unknown) => received.push({ type, body }));
  return received;
}
