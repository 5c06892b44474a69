import { client } from './session';

/**
 * Client preferences that follow the user from browser to browser: kept on the server in
 * `i/registry` under scope ['client', 'mikan'] (Misskey's own client keeps its preferences in the
 * registry too, under its own scope).
 */
const SCOPE = ['client', 'mikan'];

export async function getPref<T>(key: string, fallback: T): Promise<T> {
  try {
    return await client().request('i/registry/get', { scope: SCOPE, key }) as T;
  } catch {
    // NO_SUCH_KEY (never set) and any failure: the default.
    return fallback;
  }
}

export async function setPref(key: string, value: unknown): Promise<void> {
  await client().request('i/registry/set', { scope: SCOPE, key, value });
}
