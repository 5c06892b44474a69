import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, users, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';

/**
 * `notes/show`'s lookup (Misskey's order): a missing note (or one whose author's account was
 * deleted) is null; an author who requires sign-in to view their contents answers 'signinRequired'
 * to anonymous viewers. Any other existing note is answered: one the viewer may not read is packed
 * hidden by `packNote` (`isHidden: true`, no text, cw, files, poll or recipients), as Misskey does.
 */
export async function findNoteForShow(ctx: AppContext, noteId: string, viewer: AuthUser | null): Promise<NoteRow | 'signinRequired' | null> {
  const [found] = await ctx.db.select({ note: notes, requireSignin: users.requireSigninToViewContents, authorDeleted: users.isDeleted })
    .from(notes).innerJoin(users, eq(users.id, notes.userId))
    .where(eq(notes.id, noteId)).limit(1);
  if (!found || found.authorDeleted) return null;
  if (found.requireSignin && viewer == null) return 'signinRequired';
  return found.note;
}
