import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
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
  return noteHashtagsUpsertOf({ userId: user.id, isLocal: user.host === null, ids: names.map(() => genId()), names });
}

/**
 * `noteHashtagsUpsert` with its values given as they go into the statement: JS values, or
 * placeholders (`sql.placeholder`) for a prepared statement. `names` must be normalised and
 * sorted, `ids` one fresh id per name.
 */
export function noteHashtagsUpsertOf(values: { userId: unknown; isLocal: unknown; ids: unknown; names: unknown }): SQL {
  const { userId, isLocal } = values;
  const asParam = (value: unknown) => (is(value, Placeholder) ? value : sql.param(value));
  return sql`
    INSERT INTO hashtags (id, name, ${userListColumns('mentioned')})
    SELECT tag.id, tag.name, ARRAY[${userId}::varchar]::varchar[], 1,
      CASE WHEN ${isLocal}::boolean THEN ARRAY[${userId}::varchar]::varchar[] ELSE '{}'::varchar[] END,
      CASE WHEN ${isLocal}::boolean THEN 1 ELSE 0 END
    FROM unnest(${asParam(values.ids)}::varchar[], ${asParam(values.names)}::varchar[]) AS tag(id, name)
    WHERE NOT EXISTS (SELECT 1 FROM hashtags h WHERE h.name = tag.name AND ${userId}::varchar = ANY(h.mentioned_user_ids))
    ORDER BY tag.name
    ${addUserOnConflict('mentioned', userId, isLocal)}`;
}

type UserList = 'mentioned' | 'attached';

/** A hashtag's user list columns: `<list>_user_ids`, its count, and their local-only variants. */
function userListColumns(list: UserList): SQL {
  return sql.raw(`${list}_user_ids, ${list}_users_count, ${list}_local_user_ids, ${list}_local_users_count`);
}

/** The ON CONFLICT branch that adds the user to the hashtag's `list` (and the local variant for local users), once. */
function addUserOnConflict(list: UserList, userId: unknown, isLocal: unknown): SQL {
  const ids = sql.raw(`${list}_user_ids`);
  const count = sql.raw(`${list}_users_count`);
  const localIds = sql.raw(`${list}_local_user_ids`);
  const localCount = sql.raw(`${list}_local_users_count`);
  return sql`ON CONFLICT (name) DO UPDATE SET
      ${ids} = array_append(hashtags.${ids}, ${userId}::varchar),
      ${count} = hashtags.${count} + 1,
      ${localIds} = CASE WHEN ${isLocal}::boolean THEN array_append(hashtags.${localIds}, ${userId}::varchar) ELSE hashtags.${localIds} END,
      ${localCount} = hashtags.${localCount} + CASE WHEN ${isLocal}::boolean THEN 1 ELSE 0 END
    WHERE NOT (${userId}::varchar = ANY(hashtags.${ids}))`;
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
        INSERT INTO hashtags (id, name, ${userListColumns('attached')})
        VALUES (${genId()}, ${name}, ARRAY[${user.id}]::varchar[], 1, ${local}, ${isLocal ? 1 : 0})
        ${addUserOnConflict('attached', user.id, isLocal)}`);
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
