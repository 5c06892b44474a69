import { beforeAll, describe, it } from 'vitest';
import type { NamedEndpoint } from '../../src/api/define.js';
import { expectErrorsMatchSpec, expectMetaMatchesSpec, importEndpoints, specAvailable } from '../fixtures/spec.js';

/**
 * The Play, achievement and issue-27 misc endpoints against the fact tables in ../shared/spec (those
 * of the fork; flash/search, notes/show-partial-bulk and users/get-following-users-by-birthday are
 * upstream's only and have no row to compare).
 */
const ENDPOINTS = [
  'flash/create', 'flash/update', 'flash/delete', 'flash/show', 'flash/like', 'flash/unlike', 'flash/featured', 'flash/my',
  'flash/my-likes', 'users/flashs', 'i/claim-achievement', 'users/achievements', 'users/featured-notes',
  'users/get-following-birthday-users', 'i/purge-timeline-cache', 'notifications/test-notification', 'get-online-users-count', 'users/stats',
];

describe.runIf(specAvailable)('issue 27 Play and misc endpoints match the spec tables', () => {
  let endpoints: Map<string, Pick<NamedEndpoint, 'meta'>>;
  beforeAll(async () => { endpoints = await importEndpoints(ENDPOINTS); }, 240_000);

  it('declare Misskey\'s credential, permission, secure, rate limit and GET rules', () => expectMetaMatchesSpec(endpoints));
  it('declare every error of errors.tsv with its code and id, and no other', () => expectErrorsMatchSpec(endpoints));
});
