import * as mfm from 'mfm-js';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { normalizeTags, recordUserHashtags } from './record.js';

/** Misskey keeps at most 32 profile tags. */
const MAX_PROFILE_TAGS = 32;

/** The hashtags in a profile description, normalised (Misskey's `extractHashtags` + `normalizeForSearch`). */
export function extractProfileTags(description: string | null | undefined): string[] {
  if (!description) return [];
  const tags: string[] = [];
  for (const node of mfm.extract(mfm.parse(description), (n) => n.type === 'hashtag')) {
    if (node.type === 'hashtag') tags.push(node.props.hashtag);
  }
  return normalizeTags(tags).slice(0, MAX_PROFILE_TAGS);
}

/**
 * Sets the account's profile tags from its new description and keeps `hashtags.attached*` exact
 * (Misskey's `updateUsertags`), inside the caller's transaction. The account row is locked first,
 * so two concurrent updates of one profile cannot both add or remove the same user.
 */
export async function syncProfileTags(tx: Executor, user: { id: string; host: string | null }, description: string | null | undefined): Promise<void> {
  const tags = extractProfileTags(description);
  const { rows } = await tx.execute<{ tags: string[] }>(sql`SELECT tags FROM users WHERE id = ${user.id} FOR UPDATE`);
  const previous = rows[0]?.tags ?? [];
  await tx.update(users).set({ tags }).where(eq(users.id, user.id));
  await recordUserHashtags(tx, user, tags, previous);
}
