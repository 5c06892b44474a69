import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { advanceClock } from './clock.js';
import { FixtureError, type Fixtures, type LoadedFixtures } from './fixtures.js';
import type { MailCatcher } from './mail.js';
import { SnapshotError, type TestState } from './state.js';

export interface TestRoutesOptions {
  ctx: AppContext;
  state: TestState;
  mail: MailCatcher;
  load(fixtures: Fixtures): Promise<LoadedFixtures>;
}

/** Misskey's error body, so misskey-js and other clients report these as they report any API error. */
function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { message, code, id: '00000000-0000-0000-0000-000000000000', kind: 'client' } });
}

function body(request: { body: unknown }): Record<string, unknown> {
  return request.body && typeof request.body === 'object' ? request.body as Record<string, unknown> : {};
}

/**
 * The test server's own routes (registered only by src/test-mode/server.ts, under /api):
 * Misskey's test-mode `reset-db`, and Mikan's `_test/*` for snapshots, the clock, mail and fixtures.
 * No authentication, as Misskey's `reset-db`: the server listens on loopback and holds test data only.
 */
export async function testRoutesPlugin(app: FastifyInstance, { ctx, state, mail, load }: TestRoutesOptions): Promise<void> {
  // Misskey (NODE_ENV=test) answers 204 once the database is empty again.
  app.post('/reset-db', async (_request, reply) => {
    await state.reset();
    return reply.code(204).send();
  });

  app.post('/_test/snapshot', async (request, reply) => {
    const name = body(request).name;
    if (typeof name !== 'string') return fail(reply, 400, 'INVALID_PARAM', 'name is required');
    try {
      await state.snapshot(name);
    } catch (error) {
      if (error instanceof SnapshotError) return fail(reply, 400, 'INVALID_PARAM', error.message);
      throw error;
    }
    return reply.code(204).send();
  });

  app.post('/_test/restore', async (request, reply) => {
    const name = body(request).name;
    if (typeof name !== 'string') return fail(reply, 400, 'INVALID_PARAM', 'name is required');
    try {
      await state.restore(name);
    } catch (error) {
      if (error instanceof SnapshotError) return fail(reply, 404, 'NO_SUCH_SNAPSHOT', error.message);
      throw error;
    }
    return reply.code(204).send();
  });

  app.post('/_test/clock', async (request, reply) => {
    const advanceMs = body(request).advanceMs ?? 0;
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
      return fail(reply, 400, 'INVALID_PARAM', 'advanceMs must be a number of milliseconds >= 0');
    }
    return advanceClock(ctx, advanceMs);
  });

  app.post('/_test/mails', async (request, reply) => {
    const { count = 0, timeoutMs = 5000 } = body(request);
    if (typeof count !== 'number' || typeof timeoutMs !== 'number' || timeoutMs < 0 || timeoutMs > 60_000) {
      return fail(reply, 400, 'INVALID_PARAM', 'count and timeoutMs (0-60000) must be numbers');
    }
    return mail.waitFor(count, timeoutMs);
  });

  app.post('/_test/mails/clear', async (_request, reply) => {
    mail.clear();
    return reply.code(204).send();
  });

  app.post('/_test/fixtures', async (request, reply) => {
    try {
      return await load(body(request) as Fixtures);
    } catch (error) {
      if (error instanceof FixtureError) return fail(reply, 400, 'INVALID_FIXTURE', error.message);
      throw error;
    }
  });
}
