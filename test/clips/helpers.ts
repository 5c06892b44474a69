import type { TestServer } from '../harness.js';
import { commonErrors } from '../api-errors.js';

export { createUsers, expectApiError, post, type TestUser } from '../notes/helpers.js';

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const e = {
  ...commonErrors,
  create: {
    tooManyClips: { code: 'TOO_MANY_CLIPS', id: '920f7c2d-6208-4b76-8082-e632020f5883' },
    clipNotesLimitExceeded: { code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: '1fdd390f-dcd3-4b65-88d9-6476159bc5c8' },
  },
  update: {
    noSuchClip: { code: 'NO_SUCH_CLIP', id: 'b4d92d70-b216-46fa-9a3f-a8c811699257' },
    clipLimitExceeded: { code: 'CLIP_LIMIT_EXCEEDED', id: 'fed46dd9-d99a-4a88-b23f-8d31c80b5b25' },
    clipNotesLimitExceeded: { code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: '6f02ab37-66a4-4285-afaf-a8b1000e8f3f' },
  },
  delete: { noSuchClip: { code: 'NO_SUCH_CLIP', id: '70ca08ba-6865-4630-b6fb-8494759aa754' } },
  show: { noSuchClip: { code: 'NO_SUCH_CLIP', id: 'c3c5fe33-d62c-44d2-9ea5-d997703f5c20' } },
  notes: { noSuchClip: { code: 'NO_SUCH_CLIP', id: '1d7645e6-2b6d-4635-b0fe-fe22b0e72e00' } },
  addNote: {
    noSuchClip: { code: 'NO_SUCH_CLIP', id: 'd6e76cc0-a1b5-4c7c-a287-73fa9c716dcf' },
    noSuchNote: { code: 'NO_SUCH_NOTE', id: 'fc8c0b49-c7a3-4664-a0a6-b418d386bb8b' },
    alreadyClipped: { code: 'ALREADY_CLIPPED', id: '734806c4-542c-463a-9311-15c512803965' },
    tooManyClipNotes: { code: 'TOO_MANY_CLIP_NOTES', id: 'f0dba960-ff73-4615-8df4-d6ac5d9dc118' },
    clipLimitExceeded: { code: 'CLIP_LIMIT_EXCEEDED', id: '456cd06d-9f5b-4793-8108-dffe6e257d98' },
    clipNotesLimitExceeded: { code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: 'f3d6de24-ad27-418d-9d13-b50165dbce66' },
  },
  removeNote: {
    noSuchClip: { code: 'NO_SUCH_CLIP', id: 'b80525c6-97f7-49d7-a42d-ebccd49cfd52' },
    noSuchNote: { code: 'NO_SUCH_NOTE', id: 'aff017de-190e-434b-893e-33a9ff5049d8' },
  },
  favorite: {
    noSuchClip: { code: 'NO_SUCH_CLIP', id: '4c2aaeae-80d8-4250-9606-26cb1fdb77a5' },
    alreadyFavorited: { code: 'ALREADY_FAVORITED', id: '92658936-c625-4273-8326-2d790129256e' },
  },
  unfavorite: {
    noSuchClip: { code: 'NO_SUCH_CLIP', id: '2603966e-b865-426c-94a7-af4a01241dc1' },
    notFavorited: { code: 'NOT_FAVORITED', id: '90c3a9e8-b321-4dae-bf57-2bf79bbcc187' },
  },
  notesClips: { noSuchNote: { code: 'NO_SUCH_NOTE', id: '47db1a1c-b0af-458d-8fb4-986e4efafe1e' } },
} as const;

export const unknownId = 'zzzzzzzzzzzzzzzz';

/** A clip made through the API. */
export async function createClip(server: TestServer, token: string, params: { name?: string; isPublic?: boolean; description?: string | null } = {}) {
  return server.client(token).request('clips/create', { name: 'clip', ...params });
}
