import { api } from 'misskey-js';
import { humanMessage } from './errors';

/** What a page shows when a call fails: Misskey's error `message` and `code` (and `id`). */
export interface ShownError {
  message: string;
  code?: string;
  id?: string;
  /** HTTP status, when the server answered at all. */
  status?: number;
  /** The server's own (English) message, kept when `message` is replaced by a readable one. */
  serverMessage?: string;
  /** Misskey's `info` (INVALID_PARAM: `{param, reason, path}`). */
  info?: unknown;
  /** The server could not be reached at all. */
  network?: boolean;
}

/**
 * misskey-js rejects with the body's `error` member. Answers that are not Misskey-shaped (an empty
 * 400, a proxy's HTML error page) would otherwise surface as a JSON syntax error, so they are
 * reshaped into `{error: {message, code}}` here; the HTTP status is added to every error.
 */
async function fetchForClient(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status === 200 || response.status === 204) return response;
  const text = await response.text();
  let error: Record<string, unknown> | null = null;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && body.error && typeof body.error === 'object') error = body.error;
  } catch { /* not JSON */ }
  error ??= { message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, code: `HTTP_${response.status}` };
  return new Response(JSON.stringify({ error: { ...error, status: response.status } }), {
    status: response.status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A misskey-js client for this server, with the given credential (null: anonymous). */
export function apiClient(token: string | null): api.APIClient {
  return new api.APIClient({ origin: location.origin, credential: token, fetch: fetchForClient });
}

/** Turns anything a call can throw into a readable error (errors.ts words it in the user's language). */
export function describeError(error: unknown): ShownError {
  return withHumanMessage(rawError(error));
}

function withHumanMessage(shown: ShownError): ShownError {
  return { ...shown, serverMessage: shown.serverMessage ?? shown.message, message: humanMessage(shown) };
}

function rawError(error: unknown): ShownError {
  if (error && typeof error === 'object' && api.isAPIError(error as never)) {
    const e = error as { message?: unknown; code?: unknown; id?: unknown; status?: unknown; info?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : '',
      code: typeof e.code === 'string' && e.code !== '' ? e.code : undefined,
      id: typeof e.id === 'string' ? e.id : undefined,
      status: typeof e.status === 'number' ? e.status : undefined,
      ...(e.info !== undefined ? { info: e.info } : {}),
    };
  }
  if (error instanceof TypeError) return { message: '', network: true };
  if (error instanceof Error) return { message: error.message };
  // Already shown-shaped (thrown by postJson/getJson).
  if (error && typeof error === 'object' && typeof (error as ShownError).message === 'string') return error as ShownError;
  return { message: String(error) };
}

/**
 * A JSON call outside `/api` (the OAuth consent routes). Same error shape as API calls:
 * Misskey-style `{error: {message, code}}` bodies and OAuth-style `{error, error_description}` both read well.
 */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

export async function getJson<T>(path: string): Promise<T> {
  return requestJson<T>(path, { method: 'GET', headers: { Accept: 'application/json' } });
}

async function requestJson<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw { message: '', network: true } satisfies ShownError;
  }
  const text = await response.text();
  let body: unknown = null;
  try { body = text === '' ? null : JSON.parse(text); } catch { /* not JSON */ }
  if (response.ok) return body as T;
  const shown: ShownError = { message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, status: response.status };
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown; error_description?: unknown }).error;
    if (error && typeof error === 'object') {
      const e = error as { message?: unknown; code?: unknown; id?: unknown };
      if (typeof e.message === 'string') shown.message = e.message;
      if (typeof e.code === 'string') shown.code = e.code;
      if (typeof e.id === 'string') shown.id = e.id;
    } else if (typeof error === 'string') {
      const description = (body as { error_description?: unknown }).error_description;
      shown.message = typeof description === 'string' && description !== '' ? description : error;
      shown.code = error;
    }
  }
  throw shown;
}
