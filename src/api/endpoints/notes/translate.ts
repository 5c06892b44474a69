import { Type, type Static } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { translateNote } from '../../../core/translation/notes.js';

const TranslationSchema = Type.Object({ sourceLang: Type.String(), text: Type.String() });

export default defineEndpoint({
  summary: 'Translates a note you may read with the configured translator (DeepL or LibreTranslate); a note without text answers 204.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    unavailable: { message: 'Translate of notes unavailable.', code: 'UNAVAILABLE', id: '50a70314-2d8a-431b-b433-efa5cc56444c' },
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'bea9b03f-36e0-49c5-a4db-627a029f8971' },
    cannotTranslateInvisibleNote: { message: 'Cannot translate invisible note.', code: 'CANNOT_TRANSLATE_INVISIBLE_NOTE', id: 'ea29f2ca-c368-43b3-aaf1-5ac3e74bbe5d' },
  },
  params: Type.Object({
    noteId: Type.String({ format: 'misskey:id' }),
    targetLang: Type.String(),
  }),
  // A note without text answers 204 (null), as in Misskey; misskey-js types the 200 body only.
  res: Type.Unsafe<Static<typeof TranslationSchema>>(Type.Union([TranslationSchema, Type.Null()])),
}, async ({ params, me, ctx, fail }) => {
  const result = await translateNote(ctx, me!, params.noteId, params.targetLang);
  if (result && 'error' in result) return fail(result.error);
  return result ?? (null as never);
});
