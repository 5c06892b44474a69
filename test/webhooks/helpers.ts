import http from 'node:http';
import type { AddressInfo } from 'node:net';

export { expectApiError } from '../api-errors.js';
import { commonErrors } from '../api-errors.js';

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
export const e = {
  ...commonErrors,
  accessDenied: { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' },
  create: {
    tooManyWebhooks: { code: 'TOO_MANY_WEBHOOKS', id: '87a9bb19-111e-4e37-81d3-a3e7426453b0' },
    youAreNotAdmin: { code: 'YOU_ARE_NOT_ADMIN', id: '26601bea-079b-4782-8dac-071febe2acf9' },
  },
  update: {
    noSuchWebhook: { code: 'NO_SUCH_WEBHOOK', id: 'fb0fea69-da18-45b1-828d-bd4fd1612518' },
    youAreNotAdmin: { code: 'YOU_ARE_NOT_ADMIN', id: 'a70c7643-1db5-4ebf-becd-ff4b4223cf23' },
    webhookLimitExceeded: { code: 'WEBHOOK_LIMIT_EXCEEDED', id: 'a261cb2d-867d-47a8-a743-8bbd2c1438b1' },
  },
  delete: { noSuchWebhook: { code: 'NO_SUCH_WEBHOOK', id: 'bae73e5a-5522-4965-ae19-3a8688e71d82' } },
  show: { noSuchWebhook: { code: 'NO_SUCH_WEBHOOK', id: '50f614d9-3047-4f7e-90d8-ad6b2d5fb098' } },
  test: { noSuchWebhook: { code: 'NO_SUCH_WEBHOOK', id: '0c52149c-e913-18f8-5dc7-74870bfe0cf9' } },
} as const;

export interface ReceivedHook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * A real HTTP listener on loopback that records every webhook call. `status(path)` chooses the
 * answer per call (default 204), so a test can make a receiver fail and then recover.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Resolves with the first recorded call (past or future) that matches. */
  next(match: (hook: ReceivedHook) => boolean): Promise<ReceivedHook>;
  answer: (hook: ReceivedHook) => number;
  /** Calls this matches get no answer at all (the connection stays open): a delivery caught in flight. */
  hold: (hook: ReceivedHook) => boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiters: { match: (hook: ReceivedHook) => boolean; resolve: (hook: ReceivedHook) => void }[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => 204,
    hold: () => false,
    next(match) {
      const found = receiver.received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => { raw += chunk; });
    request.on('end', () => {
      const hook: ReceivedHook = { path: request.url ?? '/', headers: request.headers, body: raw ? JSON.parse(raw) : null };
      receiver.received.push(hook);
      if (!receiver.hold(hook)) {
        response.statusCode = receiver.answer(hook);
        response.end();
      }
      for (const waiter of [...waiters]) {
        if (waiter.match(hook)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(hook);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
