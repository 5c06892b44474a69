// The package's library entry (package.json "exports"): Mikan as a Misskey test server for other
// programs' test suites (docs/test-server.md).
export { startTestServer, type TestServer, type TestServerOptions } from './server.js';
export { readFixtureFile, type Fixtures, type LoadedFixtures } from './fixtures.js';
export type { CapturedMail } from './mail.js';
