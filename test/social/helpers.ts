import type { TestServer } from '../harness.js';
import { commonErrors } from '../api-errors.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const errors = {
  ...commonErrors,
} as const;

/** N fresh users. */
export function createUsers(server: TestServer, count: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => server.createUser()));
}
