import type { TestServer } from '../harness.js';
import { topics } from '../../src/bus/topics.js';

export { createUsers, expectApiError, post, type TestUser } from '../notes/helpers.js';
import { commonErrors } from '../api-errors.js';

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const e = {
  ...commonErrors,
  reactionsCreate: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '033d0620-5bfe-4027-965d-980b0c85a3ea' },
    alreadyReacted: { code: 'ALREADY_REACTED', id: '71efcf98-86d6-4e2b-b2ad-9d032369366b' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: '20ef5475-9f38-4e4c-bd33-de6d979498ec' },
    cannotReactToRenote: { code: 'CANNOT_REACT_TO_RENOTE', id: 'eaccdc08-ddef-43fe-908f-d108faad57f5' },
  },
  reactionsDelete: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '764d9fce-f9f2-4a0e-92b1-6ceac9a7ad37' },
    notReacted: { code: 'NOT_REACTED', id: '92f4426d-4196-4125-aa5b-02943e2ec8fc' },
  },
  reactions: { noSuchNote: { code: 'NO_SUCH_NOTE', id: '263fff3d-d0e1-4af4-bea7-8408059b451a' } },
  usersReactions: {
    reactionsNotPublic: { code: 'REACTIONS_NOT_PUBLIC', id: '673a7dd2-6924-1093-e0c0-e68456ceae5c' },
    isRemoteUser: { code: 'IS_REMOTE_USER', id: '6b95fa98-8cf9-2350-e284-f0ffdb54a805' },
  },
  vote: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: 'ecafbd2e-c283-4d6d-aecb-1a0a33b75396' },
    noPoll: { code: 'NO_POLL', id: '5f979967-52d9-4314-a911-1c673727f92f' },
    invalidChoice: { code: 'INVALID_CHOICE', id: 'e0cc9a04-f2e8-41e4-a5f1-4127293260cc' },
    alreadyVoted: { code: 'ALREADY_VOTED', id: '0963fc77-efac-419b-9424-b391608dc6d8' },
    alreadyExpired: { code: 'ALREADY_EXPIRED', id: '1022a357-b085-4054-9083-8f8de358337e' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: '85a5377e-b1e9-4617-b0b9-5bea73331e49' },
  },
  favoritesCreate: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '6dd26674-e060-4816-909a-45ba3f4da458' },
    alreadyFavorited: { code: 'ALREADY_FAVORITED', id: 'a402c12b-34dd-41d2-97d8-4d2ffd96a1a6' },
  },
  favoritesDelete: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '80848a2c-398f-4343-baa9-df1d57696c56' },
    notFavorited: { code: 'NOT_FAVORITED', id: 'b625fc69-635e-45e9-86f4-dbefbef35af5' },
  },
  pin: {
    noSuchNote: { code: 'NO_SUCH_NOTE', id: '56734f8b-3928-431e-bf80-6ff87df40cb3' },
    pinLimitExceeded: { code: 'PIN_LIMIT_EXCEEDED', id: '72dab508-c64d-498f-8740-a8eec1ba385a' },
    alreadyPinned: { code: 'ALREADY_PINNED', id: '8b18c2b7-68fe-4edb-9892-c0cbaeb6c913' },
  },
  unpin: { noSuchNote: { code: 'NO_SUCH_NOTE', id: '454170ce-9d63-4a43-9da1-ea10afe81e21' } },
} as const;

export const unknownId = 'zzzzzzzzzzzzzzzz';

/** Collects the note-capture events of one note (what `subNote` clients receive). */
export function captureNoteEvents(server: TestServer, noteId: string): { events: { type: string; body: any }[]; stop: () => void } {
  const events: { type: string; body: any }[] = [];
  const stop = server.ctx.bus.subscribe(topics.note(noteId), (message) => { events.push(message as { type: string; body: any }); });
  return { events, stop };
}

export async function waitFor<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
