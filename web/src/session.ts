import { reactive } from 'vue';
import type { entities } from 'misskey-js';
import { apiClient, describeError, type ShownError } from './api';

/** Where the signed-in user's native token lives. */
export const TOKEN_KEY = 'mikan:token';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch { /* storage disabled: the session lasts as long as the page */ }
}

/** The web client's whole sign-in state. */
export const session = reactive({
  /** The native token; present means signed in. */
  token: readToken() as string | null,
  /** The signed-in user, from `i` (null while loading or when `i` failed). */
  me: null as entities.MeDetailed | null,
  /** `meta {detail: true}`; null until loaded or when it failed. */
  meta: null as entities.MetaDetailed | null,
  /** Why `meta` or `i` could not be loaded, shown in a banner with a retry button. */
  loadError: null as ShownError | null,
});

/** A misskey-js client with the signed-in user's token (or anonymous). */
export function client() {
  return apiClient(session.token);
}

export async function loadMeta(): Promise<void> {
  session.meta = await apiClient(null).request('meta', { detail: true }) as entities.MetaDetailed;
}

/** Fetches the signed-in user; a token the server no longer accepts signs the page out. */
export async function loadMe(): Promise<void> {
  const token = session.token;
  if (token === null) {
    session.me = null;
    return;
  }
  try {
    const me = await apiClient(token).request('i', {});
    if (session.token === token) session.me = me;
  } catch (error) {
    const shown = describeError(error);
    if (shown.code === 'AUTHENTICATION_FAILED' || shown.status === 401) {
      if (session.token === token) forgetToken();
      return;
    }
    throw error;
  }
}

/** Loads what every page needs; failures end up in `session.loadError`. */
export async function loadSession(): Promise<void> {
  session.loadError = null;
  try {
    await Promise.all([loadMeta(), loadMe()]);
  } catch (error) {
    session.loadError = describeError(error);
  }
}

/** Signs in with a native token; `me` when the caller already has the user (sign-up, setup). */
export async function signIn(token: string, me?: entities.MeDetailed): Promise<void> {
  writeToken(token);
  session.token = token;
  session.me = me ?? null;
  if (!me) {
    try {
      await loadMe();
    } catch (error) {
      session.loadError = describeError(error);
    }
  }
}

function forgetToken(): void {
  writeToken(null);
  session.token = null;
  session.me = null;
}

/**
 * Signs out of this browser: the token is forgotten here. (The server keeps it valid, as Misskey
 * keeps its web token; `i/revoke-token` does not take native tokens. See docs/web-client.md.)
 */
export function signOut(): void {
  forgetToken();
}

/** Another tab signed in or out: follow it. */
window.addEventListener('storage', (event) => {
  if (event.key !== TOKEN_KEY && event.key !== null) return;
  const token = readToken();
  if (token === session.token) return;
  session.token = token;
  session.me = null;
  void loadMe().catch((error) => { session.loadError = describeError(error); });
});

export function displayName(user: { name?: string | null; username: string } | null): string {
  if (!user) return '';
  return user.name && user.name.trim() !== '' ? user.name : user.username;
}
