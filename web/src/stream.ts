import { Stream } from 'misskey-js';
import { session } from './session';

let current: { token: string | null; stream: Stream } | null = null;

/**
 * One streaming connection per page (misskey-js `Stream`, which reconnects by itself), with the
 * signed-in user's token; a new one when the user signs in or out.
 */
export function useStream(): Stream {
  if (current && current.token === session.token) return current.stream;
  current?.stream.close();
  const stream = new Stream(location.origin, session.token ? { token: session.token } : null);
  current = { token: session.token, stream };
  return stream;
}

/** Closes the page's connection (sign-out). */
export function closeStream(): void {
  current?.stream.close();
  current = null;
}
