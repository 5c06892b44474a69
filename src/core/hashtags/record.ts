import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';

/** Normalises a list of tags: lower-cased, without '#', trimmed, deduplicated, at most 128 chars. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of tags) {
    const tag = raw.replace(/^#/, '').trim().normalize('NFKC').toLowerCase();
    if (tag.length > 0 && tag.length <= 128) out.add(tag);
  }
  return [...out].sort();
}

/**
 * Records that `user` used `tags` in a note (Misskey's updateHashtags(user, tags)): each hashtag row
 * is upserted so `mentionedUserIds` holds every distinct user who ever used it (count kept equal to
 * the array length), with the local-only variants updated too when the user is local.
 */
export async function recordNoteHashtags(db: Executor, user: { id: string; host: string | null }, tags: readonly string[]): Promise<void> {
  const upsert = noteHashtagsUpsert(user, tags);
  if (upsert) await db.execute(upsert);
}

/**
 * The statement behind `recordNoteHashtags`, to run on its own or as a CTE of the note's insert.
 * Tags the user already used are skipped without touching their row, so a popular tag is not a
 * lock every new note waits for. For the others, INSERT … ON CONFLICT locks the conflicting row
 * before evaluating the DO UPDATE, so concurrent notes by different users cannot lose each other's
 * append, and its `WHERE NOT (id = ANY(…))` keeps a racing twin from counting the same user twice.
 * Rows are proposed in sorted order so two statements never lock the same rows in opposite orders.
 */
export function noteHashtagsUpsert(user: { id: string; host: string | null }, tags: readonly string[]): SQL | null {
  const names = normalizeTags(tags);
  if (names.length === 0) return null;
  const isLocal = user.host === null;
  const ids = names.map(() => genId());
  return sql`
    INSERT INTO hashtags (id, name, mentioned_user_ids, mentioned_users_count, mentioned_local_user_ids, mentioned_local_users_count)
    SELECT tag.id, tag.name, ARRAY[${user.id}]::varchar[], 1,
      CASE WHEN ${isLocal}::boolean THEN ARRAY[${user.id}]::varchar[] ELSE '{}'::varchar[] END, ${isLocal ? 1 : 0}
    FROM unnest(${sql.param(ids)}::varchar[], ${sql.param(names)}::varchar[]) AS tag(id, name)
    WHERE NOT EXISTS (SELECT 1 FROM hashtags h WHERE h.name = tag.name AND ${user.id}::varchar = ANY(h.mentioned_user_ids))
    ORDER BY tag.name
    ON CONFLICT (name) DO UPDATE SET
      mentioned_user_ids = array_append(hashtags.mentioned_user_ids, ${user.id}::varchar),
      mentioned_users_count = hashtags.mentioned_users_count + 1,
      mentioned_local_user_ids = CASE WHEN ${isLocal}::boolean
        THEN array_append(hashtags.mentioned_local_user_ids, ${user.id}::varchar) ELSE hashtags.mentioned_local_user_ids END,
      mentioned_local_users_count = hashtags.mentioned_local_users_count + CASE WHEN ${isLocal}::boolean THEN 1 ELSE 0 END
    WHERE NOT (${user.id}::varchar = ANY(hashtags.mentioned_user_ids))`;
}

/**
 * Records the hashtags a user puts in their profile (Misskey's updateUsertags): the user is added
 * to `attachedUserIds` (and the local variant) of every tag in `tags`, and removed from every tag
 * listed in `previous` that is no longer present. Same locking discipline as recordNoteHashtags.
 */
export async function recordUserHashtags(tx: Executor, user: { id: string; host: string | null }, tags: readonly string[], previous: readonly string[] = []): Promise<void> {
  const isLocal = user.host === null;
  const now = normalizeTags(tags);
  const removed = normalizeTags(previous).filter((t) => !now.includes(t));
  const all = [...new Set([...now, ...removed])].sort();
  for (const name of all) {
    if (now.includes(name)) {
      const local = isLocal ? sql`ARRAY[${user.id}]::varchar[]` : sql`'{}'::varchar[]`;
      await tx.execute(sql`
        INSERT INTO hashtags (id, name, attached_user_ids, attached_users_count, attached_local_user_ids, attached_local_users_count)
        VALUES (${genId()}, ${name}, ARRAY[${user.id}]::varchar[], 1, ${local}, ${isLocal ? 1 : 0})
        ON CONFLICT (name) DO UPDATE SET
          attached_user_ids = array_append(hashtags.attached_user_ids, ${user.id}::varchar),
          attached_users_count = hashtags.attached_users_count + 1,
          attached_local_user_ids = CASE WHEN ${isLocal}::boolean
            THEN array_append(hashtags.attached_local_user_ids, ${user.id}::varchar) ELSE hashtags.attached_local_user_ids END,
          attached_local_users_count = hashtags.attached_local_users_count + CASE WHEN ${isLocal}::boolean THEN 1 ELSE 0 END
        WHERE NOT (${user.id}::varchar = ANY(hashtags.attached_user_ids))
      `);
    } else {
      await tx.execute(sql`
        UPDATE hashtags SET
          attached_user_ids = array_remove(attached_user_ids, ${user.id}::varchar),
          attached_users_count = attached_users_count - 1,
          attached_local_user_ids = array_remove(attached_local_user_ids, ${user.id}::varchar),
          attached_local_users_count = attached_local_users_count
            - CASE WHEN ${user.id}::varchar = ANY(attached_local_user_ids) THEN 1 ELSE 0 END
        WHERE name = ${name} AND ${user.id}::varchar = ANY(attached_user_ids)
      `);
    }
  }
}
