import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { users } from '../db/schema/index.js';
import { verifyEmail } from '../core/email/account.js';
import { packMe } from '../core/users/pack.js';
import { publishMainStream } from '../bus/topics.js';

/**
 * GET /verify-email/:code — the link `i/update-email` mails, served by the server as Misskey does:
 * a short text page, 200 when the address is now verified, 404 otherwise (unknown, used, expired,
 * or the account changed its address since). The account's clients hear `meUpdated`.
 */
export async function verifyEmailPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  app.get<{ Params: { code: string } }>('/verify-email/:code', async (request, reply) => {
    reply.header('Cache-Control', 'no-store').type('text/plain; charset=utf-8');
    const userId = await verifyEmail(ctx, request.params.code);
    if (!userId) return reply.code(404).send('Verification failed. Please try again. メールアドレスの認証に失敗しました。もう一度お試しください');
    const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
    if (user) publishMainStream(ctx, userId, 'meUpdated', await packMe(ctx, user));
    return reply.code(200).send('Verification succeeded! メールアドレスの認証に成功しました。');
  });
}
