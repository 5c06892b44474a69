import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userMemos } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';

/**
 * `users/update-memo`: a private note the author keeps about another user, shown only to the author
 * (as `memo` on that user, packed through getRelations). Null or empty deletes it.
 */
export async function setUserMemo(ctx: AppContext, authorId: string, targetUserId: string, memo: string | null): Promise<void> {
  if (memo == null || memo === '') {
    await ctx.db.delete(userMemos).where(and(eq(userMemos.userId, authorId), eq(userMemos.targetUserId, targetUserId)));
    return;
  }
  await ctx.db.insert(userMemos).values({ id: genId(), userId: authorId, targetUserId, memo })
    .onConflictDoUpdate({ target: [userMemos.userId, userMemos.targetUserId], set: { memo } });
}
