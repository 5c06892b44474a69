import { expect } from 'vitest';

/** The API layer's generic errors, codes and ids exactly as ../shared/spec/errors.tsv. */
export const commonErrors = {
  credentialRequired: { code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1' },
  permissionDenied: { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' },
  invalidParam: { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
} as const;

/** Asserts a misskey-js call fails with this error: its rejection carries the error body's code and id. */
export async function expectApiError(promise: Promise<unknown>, error: { code: string; id: string }): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code: error.code, id: error.id });
}
