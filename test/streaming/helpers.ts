import WebSocket from 'ws';
import { Stream } from 'misskey-js';
import type { TestServer } from '../harness.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

const open: Stream[] = [];
const sockets: WebSocket[] = [];

/** A misskey-js Stream (Node needs a WebSocket implementation), resolved once connected. */
export async function openStream(server: TestServer, token: string | null): Promise<Stream> {
  const stream = new Stream(server.url, token ? { token } : null, { WebSocket });
  open.push(stream);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stream did not connect')), 5000);
    stream.once('_connected_', () => { clearTimeout(timer); resolve(); });
  });
  return stream;
}

/** A raw socket for what misskey-js cannot express (bad frames, floods, status codes). */
export function rawSocket(server: TestServer, query = '', headers: Record<string, string> = {}): WebSocket {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/streaming${query}`, { headers });
  socket.on('error', () => {});
  sockets.push(socket);
  return socket;
}

export function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
  });
}

/** The HTTP status of a refused upgrade. */
export function refusal(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => reject(new Error('upgrade was accepted')));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
  });
}

export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Collects frames of a raw socket, parsed when JSON. */
export function frames(socket: WebSocket): unknown[] {
  const received: unknown[] = [];
  socket.on('message', (data) => {
    const text = data.toString();
    try { received.push(JSON.parse(text)); } catch { received.push(text); }
  });
  return received;
}

/** Waits until `check` passes (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await sleep(25);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets in-flight events arrive before asserting that something did NOT arrive. Events travel
 * through the bus asynchronously; a marker event posted after them and received proves the earlier
 * ones had their chance.
 */
export const settle = () => sleep(300);

/** Joins a channel on a raw socket with `pong: true`, answering whether the server accepted it. */
export async function joinRaw(socket: WebSocket, received: unknown[], channel: string, id: string, params?: unknown): Promise<boolean> {
  socket.send(JSON.stringify({ type: 'connect', body: { channel, id, params, pong: true } }));
  try {
    await eventually(() => {
      if (!received.some((frame) => (frame as { type?: string; body?: { id?: string } }).type === 'connected' && (frame as { body: { id: string } }).body.id === id)) throw new Error('not yet');
    }, 1000);
    return true;
  } catch {
    return false;
  }
}

export function closeAll(): void {
  for (const stream of open.splice(0)) stream.close();
  for (const socket of sockets.splice(0)) socket.terminate();
}
