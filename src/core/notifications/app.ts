import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { accessTokens, apps } from '../../db/schema/index.js';
import { createNotification } from './create.js';

/**
 * An app's notification to its own user (`notifications/create`). Header and icon default to the
 * token's name and icon, then its app's (Misskey: `token.name`, `token.iconUrl`), fixed at creation.
 */
export async function createAppNotification(ctx: AppContext, userId: string, tokenId: string, input: { body: string; header?: string | null; icon?: string | null }): Promise<void> {
  const [token] = await ctx.db.select({ name: accessTokens.name, iconUrl: accessTokens.iconUrl, appName: apps.name, appIcon: apps.iconUrl })
    .from(accessTokens).leftJoin(apps, eq(apps.id, accessTokens.appId)).where(eq(accessTokens.id, tokenId));
  await createNotification(ctx, undefined, {
    notifieeId: userId,
    type: 'app',
    appAccessTokenId: tokenId,
    customBody: input.body,
    customHeader: input.header ?? token?.name ?? token?.appName ?? null,
    customIcon: input.icon ?? token?.iconUrl ?? token?.appIcon ?? null,
  });
}
