import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, userProfiles, users } from '../db/schema/index.js';

/**
 * Misskey's own properties on actors and notes (`_misskey_content`, `_misskey_summary`, `isCat`,
 * …), which Misskey servers read from the raw JSON. Fedify's vocabulary has no place for them, so
 * they are added to the compacted JSON it produced, with their terms in the context (Misskey's
 * `misskey:` namespace) so JSON-LD processors keep them.
 */

const MISSKEY_CONTEXT = {
  misskey: 'https://misskey-hub.net/ns#',
  _misskey_content: 'misskey:_misskey_content',
  _misskey_summary: 'misskey:_misskey_summary',
  _misskey_quote: 'misskey:_misskey_quote',
  isCat: 'misskey:isCat',
};

type Json = Record<string, unknown>;

function withContext(document: Json): void {
  const context = document['@context'];
  document['@context'] = [...(Array.isArray(context) ? context : context ? [context] : []), MISSKEY_CONTEXT];
}

/** The note's extensions, on a compacted Note (the object of a Create included). */
export function addNoteExtensions(object: Json, note: { text: string | null }): void {
  object._misskey_content = note.text;
}

export function addActorExtensions(object: Json, user: { isCat: boolean }, description: string | null): void {
  object._misskey_summary = description;
  object.isCat = user.isCat;
}

/** Adds the extensions to a document Fedify served at `path` (an actor or a note of this instance). */
export async function extendServedObject(ctx: AppContext, path: string, document: Json): Promise<void> {
  const actor = /^\/users\/([0-9a-z]+)$/.exec(path);
  if (actor) {
    const [row] = await ctx.db.select({ isCat: users.isCat, description: userProfiles.description }).from(users)
      .leftJoin(userProfiles, eq(userProfiles.userId, users.id)).where(eq(users.id, actor[1]));
    if (!row) return;
    addActorExtensions(document, row, row.description);
    withContext(document);
    return;
  }
  const note = /^\/notes\/([0-9a-z]+)$/.exec(path);
  if (note) {
    const [row] = await ctx.db.select({ text: notes.text }).from(notes).where(eq(notes.id, note[1]));
    if (!row) return;
    addNoteExtensions(document, row);
    withContext(document);
  }
}

/** The same for an outgoing Create of a local note. */
export function extendCreate(activity: Json, note: { text: string | null }): void {
  const object = activity.object;
  if (object && typeof object === 'object') addNoteExtensions(object as Json, note);
  withContext(activity);
}
