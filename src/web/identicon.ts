import { toPng } from 'jdenticon';
import type { FastifyInstance } from 'fastify';

const SIZE = 128;
const MAX_ACCT_LENGTH = 640;

/** A deterministic picture for an account (`username@host`): the default avatar (Misskey's `/identicon/:acct`). */
export function identiconPng(acct: string): Buffer {
  return toPng(acct.toLowerCase(), SIZE);
}

/** GET /identicon/:acct, the avatarUrl of every account without an avatar. Same acct, same picture, forever. */
export async function identiconPlugin(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { acct: string } }>('/identicon/:acct', async (request, reply) => {
    const { acct } = request.params;
    if (acct.length === 0 || acct.length > MAX_ACCT_LENGTH) return reply.code(400).send();
    reply
      .header('Content-Type', 'image/png')
      .header('Cache-Control', 'public, max-age=86400, immutable')
      .send(identiconPng(acct));
  });
}
