import { expect, it } from 'vitest';
import * as sources from '../../src/test-mode/index.js';
import type * as published from '../../types/test-server.js';

// The hand-written declarations the package publishes (types/test-server.d.ts) must describe the
// real entry: `tsc -p .` fails here when they drift apart, in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<typeof sources.startTestServer, typeof published.startTestServer>,
  Same<typeof sources.readFixtureFile, typeof published.readFixtureFile>,
  Same<sources.TestServer, published.TestServer>,
  Same<sources.Fixtures, published.Fixtures>,
  Same<sources.LoadedFixtures, published.LoadedFixtures>,
  Same<sources.CapturedMail, published.CapturedMail>,
] = [true, true, true, true, true, true];

it('publishes the library entry with matching types', () => {
  expect(checks.every(Boolean)).toBe(true);
  expect(Object.keys(sources).sort()).toEqual(['readFixtureFile', 'startTestServer']);
});
