import type { AppContext } from '../../context.js';
import type { AuthUser } from '../auth/authenticate.js';
import { findNoteForShow } from '../notes/show.js';
import { canSeeNote, loadViewerContext } from '../notes/visibility.js';
import { policiesOf } from '../roles/policies.js';
import { translateText, TranslatorError, type Translation } from './translate.js';

export type NoteTranslation = Translation | null | { error: 'unavailable' | 'noSuchNote' | 'cannotTranslateInvisibleNote' };

/**
 * notes/translate in Misskey's order: the `canUseTranslator` policy, the note (NO_SUCH_NOTE), whether
 * the viewer may read it (the visibility module), a note without text (null: 204), then the
 * translator (none configured, or one that fails to answer: UNAVAILABLE).
 */
export async function translateNote(ctx: AppContext, me: AuthUser, noteId: string, targetLang: string): Promise<NoteTranslation> {
  if (!(await policiesOf(ctx, me.id)).canUseTranslator) return { error: 'unavailable' };
  const note = await findNoteForShow(ctx, noteId, me);
  if (note == null || note === 'signinRequired') return { error: 'noSuchNote' };
  if (!canSeeNote(note, await loadViewerContext(ctx, me))) return { error: 'cannotTranslateInvisibleNote' };
  if (note.text == null) return null;
  try {
    return await translateText(ctx, note.text, targetLang) ?? { error: 'unavailable' };
  } catch (error) {
    if (!(error instanceof TranslatorError)) throw error;
    ctx.log.warn({ err: error, noteId }, 'translation failed');
    return { error: 'unavailable' };
  }
}
