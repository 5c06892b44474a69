import { beforeAll, describe, it } from 'vitest';
import type { NamedEndpoint } from '../../src/api/define.js';
import { expectErrorsMatchSpec, expectMetaMatchesSpec, importEndpoints, specAvailable } from '../fixtures/spec.js';

/** The clip endpoints against the fact tables in ../shared/spec. */
const ENDPOINTS = [
  'clips/create', 'clips/update', 'clips/delete', 'clips/show', 'clips/list', 'clips/add-note', 'clips/remove-note',
  'clips/notes', 'clips/favorite', 'clips/unfavorite', 'clips/my-favorites', 'users/clips', 'notes/clips', 'i/export-clips',
];

describe.runIf(specAvailable)('clip endpoints match the spec tables', () => {
  let endpoints: Map<string, Pick<NamedEndpoint, 'meta'>>;
  beforeAll(async () => { endpoints = await importEndpoints(ENDPOINTS); }, 240_000);

  it('declare Misskey\'s credential, permission, secure, rate limit and GET rules', () => expectMetaMatchesSpec(endpoints));
  it('declare every error of errors.tsv with its code and id, and no other', () => expectErrorsMatchSpec(endpoints));
});
