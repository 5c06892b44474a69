import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { signins, type SigninRow } from '../../db/schema/index.js';
import { paginate, type Page } from '../pagination.js';
import type { Signin } from '../users/schema.js';

/** The account's sign-in attempts, newest first (Misskey's paging rules). */
export async function listSignins(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<SigninRow[]> {
  const { where, orderBy } = paginate(signins.id, page);
  return ctx.db.select().from(signins).where(and(eq(signins.userId, userId), where)).orderBy(orderBy).limit(page.limit);
}

export function packSignin(row: SigninRow): Signin {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    ip: row.ip,
    headers: row.headers as Record<string, never>,
    success: row.success,
  };
}
