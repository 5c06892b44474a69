import { commonErrors } from '../api-errors.js';

export { createUsers, expectApiError, type TestUser } from '../notes/helpers.js';
export { upload } from '../drive/helpers.js';

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const e = {
  ...commonErrors,
  gallery: {
    delete: {
      noSuchPost: { code: 'NO_SUCH_POST', id: 'ae52f367-4bd7-4ecd-afc6-5672fff427f5' },
      accessDenied: { code: 'ACCESS_DENIED', id: 'c86e09de-1c48-43ac-a435-1c7e42ed4496' },
    },
    like: {
      noSuchPost: { code: 'NO_SUCH_POST', id: '56c06af3-1287-442f-9701-c93f7c4a62ff' },
      yourPost: { code: 'YOUR_POST', id: 'f78f1511-5ebc-4478-a888-1198d752da68' },
      alreadyLiked: { code: 'ALREADY_LIKED', id: '40e9ed56-a59c-473a-bf3f-f289c54fb5a7' },
    },
    show: { noSuchPost: { code: 'NO_SUCH_POST', id: '1137bf14-c5b0-4604-85bb-5b5371b1cd45' } },
    unlike: {
      noSuchPost: { code: 'NO_SUCH_POST', id: 'c32e6dd0-b555-4413-925e-b3757d19ed84' },
      notLiked: { code: 'NOT_LIKED', id: 'e3e8e06e-be37-41f7-a5b4-87a8250288f0' },
    },
  },
  pages: {
    create: {
      noSuchFile: { code: 'NO_SUCH_FILE', id: 'b7b97489-0f66-4b12-a5ff-b21bd63f6e1c' },
      nameAlreadyExists: { code: 'NAME_ALREADY_EXISTS', id: '4650348e-301c-499a-83c9-6aa988c66bc1' },
    },
    delete: {
      noSuchPage: { code: 'NO_SUCH_PAGE', id: 'eb0c6e1d-d519-4764-9486-52a7e1c6392a' },
      accessDenied: { code: 'ACCESS_DENIED', id: '8b741b3e-2c22-44b3-a15f-29949aa1601e' },
    },
    like: {
      noSuchPage: { code: 'NO_SUCH_PAGE', id: 'cc98a8a2-0dc3-4123-b198-62c71df18ed3' },
      yourPage: { code: 'YOUR_PAGE', id: '28800466-e6db-40f2-8fae-bf9e82aa92b8' },
      alreadyLiked: { code: 'ALREADY_LIKED', id: 'd4c1edbe-7da2-4eae-8714-1acfd2d63941' },
    },
    show: { noSuchPage: { code: 'NO_SUCH_PAGE', id: '222120c0-3ead-4528-811b-b96f233388d7' } },
    unlike: {
      noSuchPage: { code: 'NO_SUCH_PAGE', id: 'a0d41e20-1993-40bd-890e-f6e560ae648e' },
      notLiked: { code: 'NOT_LIKED', id: 'f5e586b0-ce93-4050-b0e3-7f31af5259ee' },
    },
    update: {
      noSuchPage: { code: 'NO_SUCH_PAGE', id: '21149b9e-3616-4778-9592-c4ce89f5a864' },
      accessDenied: { code: 'ACCESS_DENIED', id: '3c15cd52-3b4b-4274-967d-6456fc4f792b' },
      noSuchFile: { code: 'NO_SUCH_FILE', id: 'cfc23c7c-3887-490e-af30-0ed576703c82' },
      nameAlreadyExists: { code: 'NAME_ALREADY_EXISTS', id: '2298a392-d4a1-44c5-9ebb-ac1aeaa5a9ab' },
    },
  },
} as const;

export const unknownId = 'zzzzzzzzzzzzzzzz';
