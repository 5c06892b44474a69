import { beforeAll, describe, it } from 'vitest';
import type { NamedEndpoint } from '../../src/api/define.js';
import { expectErrorsMatchSpec, expectMetaMatchesSpec, importEndpoints, specAvailable } from '../fixtures/spec.js';

/** The gallery and page endpoints against the fact tables in ../shared/spec. */
const ENDPOINTS = [
  'gallery/featured', 'gallery/popular', 'gallery/posts', 'gallery/posts/create', 'gallery/posts/delete', 'gallery/posts/like',
  'gallery/posts/show', 'gallery/posts/unlike', 'gallery/posts/update', 'i/gallery/likes', 'i/gallery/posts', 'users/gallery/posts',
  'pages/create', 'pages/delete', 'pages/featured', 'pages/like', 'pages/show', 'pages/unlike', 'pages/update',
  'i/pages', 'i/page-likes', 'users/pages',
];

describe.runIf(specAvailable)('gallery and page endpoints match the spec tables', () => {
  let endpoints: Map<string, Pick<NamedEndpoint, 'meta'>>;
  beforeAll(async () => { endpoints = await importEndpoints(ENDPOINTS); }, 240_000);

  it('declare Misskey\'s credential, permission, secure, rate limit and GET rules', () => expectMetaMatchesSpec(endpoints));
  it('declare every error of errors.tsv with its code and id, and no other', () => expectErrorsMatchSpec(endpoints));
});
