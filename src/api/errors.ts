/** An error as Misskey clients see it: `{"error":{message, code, id, kind, info?}}` with an HTTP status. */
export interface ApiErrorDefinition {
  message: string;
  code: string;
  id: string;
  kind?: 'client' | 'server' | 'permission';
  httpStatusCode?: number;
}

export class ApiError extends Error {
  readonly code: string;
  readonly id: string;
  readonly kind: 'client' | 'server' | 'permission';
  readonly httpStatusCode: number;
  readonly info?: unknown;

  constructor(definition: ApiErrorDefinition, info?: unknown) {
    super(definition.message);
    this.code = definition.code;
    this.id = definition.id;
    this.kind = definition.kind ?? 'client';
    this.httpStatusCode = definition.httpStatusCode ?? (this.kind === 'permission' ? 403 : this.kind === 'server' ? 500 : 400);
    this.info = info;
  }

  toBody(): { error: Record<string, unknown> } {
    return {
      error: {
        message: this.message,
        code: this.code,
        id: this.id,
        kind: this.kind,
        ...(this.info === undefined ? {} : { info: this.info }),
      },
    };
  }
}

/** Errors the API layer can raise on any call; codes and ids from ../shared/spec/errors.tsv (endpoint `*`). */
export const apiErrors = {
  credentialRequired: { message: 'Credential required.', code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1', httpStatusCode: 401 },
  authenticationFailed: { message: 'Authentication failed. Please ensure your token is correct.', code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14', httpStatusCode: 401 },
  multipartTokenNotString: { message: 'Authentication failed. The token must be a string.', code: 'AUTHENTICATION_FAILED', id: '39591dd6-b5e8-4399-bb03-13b0a8a62a21', httpStatusCode: 401 },
  accessDeniedSecureEndpoint: { message: 'Access denied. This endpoint can only be called with the web client\'s own credential.', code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e', httpStatusCode: 403 },
  permissionDenied: { message: 'Your app does not have the necessary permissions to use this endpoint.', code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838', kind: 'permission' },
  roleModeratorRequired: { message: 'You are not assigned to a moderator role.', code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41', kind: 'permission' },
  roleAdminRequired: { message: 'You are not assigned to an administrator role.', code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61', kind: 'permission' },
  rolePolicyRequired: { message: 'You are not assigned to a required role.', code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a', kind: 'permission' },
  yourAccountSuspended: { message: 'Your account has been suspended.', code: 'YOUR_ACCOUNT_SUSPENDED', id: 'a8c724b3-6e9c-4b46-b1a8-bc3ed6258370', kind: 'permission' },
  yourAccountMoved: { message: 'You have moved your account.', code: 'YOUR_ACCOUNT_MOVED', id: '56f20ec9-fd06-4fa5-841b-edd6d7d4fa31', kind: 'permission' },
  rateLimitExceeded: { message: 'Rate limit exceeded. Please try again later.', code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef', httpStatusCode: 429 },
  invalidParam: { message: 'Invalid param.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
  invalidParamCast: { message: 'Invalid param: cannot be cast to the declared type.', code: 'INVALID_PARAM', id: '0b5f1631-7c1a-41a6-b399-cce335f34d85' },
  multipartNotMultipart: { message: 'Invalid request: a multipart/form-data body is required.', code: 'INVALID_PARAM', id: '217bc614-dd72-42dc-806e-22ac93f8266e', httpStatusCode: 400 },
  multipartTooManyFiles: { message: 'Invalid request: only one file may be sent.', code: 'INVALID_PARAM', id: '5c95c8b6-25bf-40e1-8c7d-d6d727d3503b', httpStatusCode: 406 },
  multipartMalformed: { message: 'Invalid request: the multipart/form-data body cannot be read.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532', httpStatusCode: 400 },
  multipartNoFile: { message: 'Invalid request: the file part is missing.', code: 'INVALID_PARAM', id: '2e973d41-8e9c-48b8-a68f-16f712a4bc89', httpStatusCode: 422 },
  fileRequired: { message: 'File required.', code: 'FILE_REQUIRED', id: '4267801e-70d1-416a-b011-4ee502885d8b' },
  maxFileSizeExceeded: { message: 'File size exceeds the limit.', code: 'MAX_FILE_SIZE_EXCEEDED', id: '39591dd6-b5e8-4399-bb03-13b0a8a62a21', httpStatusCode: 413 },
  /**
   * The server's disk (or quota) is full, whatever the endpoint was writing: nothing was stored.
   * Misskey's code and id for an upload that failed; 507 and kind `server`, since the caller did
   * nothing wrong (docs/decisions.md).
   */
  storageFull: { message: 'The server has no space left to store this; nothing was stored. Try again later.', code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0', kind: 'server', httpStatusCode: 507 },
  internalError: { message: 'Internal error occurred. Please contact us if the error persists.', code: 'INTERNAL_ERROR', id: '5d37dbcb-891e-41ca-a3d6-e690c97775ac', kind: 'server' },
  unknownApiEndpoint: { message: 'Unknown API endpoint.', code: 'UNKNOWN_API_ENDPOINT', id: '2ca3b769-540a-4f08-9dd5-b5a825b6d0f1', httpStatusCode: 404 },
  // Mikan's own, for requests that fail before any endpoint runs (see docs/decisions.md).
  invalidJson: { message: 'Invalid param: the request body is not valid JSON.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
  bodyNotObject: { message: 'Invalid param: the request body must be a JSON object.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
  payloadTooLarge: { message: 'The request body is too large.', code: 'PAYLOAD_TOO_LARGE', id: 'a1f7d2d4-8c0c-4d2b-9c2e-7f6b3f3e5c01', httpStatusCode: 413 },
  unsupportedMediaType: { message: 'Unsupported Content-Type: send application/json (or multipart/form-data for uploads).', code: 'UNSUPPORTED_MEDIA_TYPE', id: '7b4c9f0e-2d7a-4c61-9a53-0f6e1c2b8d17', httpStatusCode: 415 },
} as const satisfies Record<string, ApiErrorDefinition>;

/** A write refused because the file system (or the user's disk quota) is full. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
