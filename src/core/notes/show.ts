import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, users, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { canSeeNote, loadViewerContext } from './visibility.js';

/**
 * `notes/show`'s lookup (Misskey's order): a missing note is null; an author who requires sign-in
 * to view their contents answers 'signinRequired' to anonymous viewers; then the visibility rules.
 */
export async function findVisibleNoteForShow(ctx: AppContext, noteId: string, viewer: AuthUser | null): Promise<NoteRow | 'signinRequired' | null> {
  const [found] = await ctx.db.select({ note: notes, requireSignin: users.requireSigninToViewContents })
    .from(notes).innerJoin(users, eq(users.id, notes.userId))
    .where(eq(notes.id, noteId)).limit(1);
  if (!found) return null;
  if (found.requireSignin && viewer == null) return 'signinRequired';
  const context = await loadViewerContext(ctx, viewer);
  return canSeeNote(found.note, context) ? found.note : null;
}
