import type { TestServer } from '../harness.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const errors = {
  credentialRequired: { code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1' },
  permissionDenied: { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' },
  invalidParam: { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
} as const;

/** N fresh users. */
export function createUsers(server: TestServer, count: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => server.createUser()));
}
