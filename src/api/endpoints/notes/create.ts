import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { ApiError, apiErrors } from '../../errors.js';
import { MAX_DATE_MS, MAX_DURATION_MS } from '../../validate.js';
import { noteCreateErrors } from '../../note-create-errors.js';
import { createNote, NoteCreateError } from '../../../core/notes/create.js';
import { packNote } from '../../../core/notes/pack.js';
import { NoteSchema, NoteVisibilitySchema, ReactionAcceptanceSchema } from '../../../core/notes/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const FileIds = Type.Array(Id, { uniqueItems: true, minItems: 1, maxItems: 16 });

export default defineEndpoint({
  summary: 'Posts a note: text, CW, files, a poll, a reply, a renote or a quote.',
  tags: ['notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300 },
  errors: noteCreateErrors,
  params: Type.Object({
    visibility: Type.Optional(NoteVisibilitySchema),
    visibleUserIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
    cw: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    localOnly: Type.Optional(Type.Boolean()),
    reactionAcceptance: Type.Optional(ReactionAcceptanceSchema),
    noExtractMentions: Type.Optional(Type.Boolean()),
    noExtractHashtags: Type.Optional(Type.Boolean()),
    noExtractEmojis: Type.Optional(Type.Boolean()),
    replyId: Type.Optional(Type.Union([Id, Type.Null()])),
    renoteId: Type.Optional(Type.Union([Id, Type.Null()])),
    channelId: Type.Optional(Type.Union([Id, Type.Null()])),
    text: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    fileIds: Type.Optional(FileIds),
    mediaIds: Type.Optional(FileIds),
    poll: Type.Optional(Type.Union([Type.Object({
      choices: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, minItems: 2, maxItems: 10 }),
      multiple: Type.Optional(Type.Boolean()),
      // Bounded so that the expiry is a date JavaScript and PostgreSQL can hold (until year 275760).
      expiresAt: Type.Optional(Type.Union([Type.Integer({ maximum: MAX_DATE_MS }), Type.Null()])),
      expiredAfter: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: MAX_DURATION_MS }), Type.Null()])),
    }), Type.Null()])),
  }),
  res: Type.Object({ createdNote: NoteSchema }),
}, async ({ params, me, ctx, fail }) => {
  const maxTextLength = ctx.meta.get().maxNoteTextLength;
  if (params.text != null && params.text.length > maxTextLength) {
    throw new ApiError(apiErrors.invalidParam, { param: '#/properties/text/maxLength', reason: `/text must NOT have more than ${maxTextLength} characters` });
  }
  const fileIds = params.fileIds ?? params.mediaIds ?? null;
  // Misskey's anyOf: something to post (non-blank text, a renote, files or a poll).
  if (!(params.text != null && /\S/.test(params.text)) && params.renoteId == null && fileIds == null && params.poll == null) {
    throw new ApiError(apiErrors.invalidParam, { param: '#/anyOf', reason: 'params must have a non-blank text, renoteId, fileIds, mediaIds or poll' });
  }
  try {
    const note = await createNote(ctx, me!, { ...params, fileIds });
    return { createdNote: await packNote(ctx, note, me) };
  } catch (error) {
    if (error instanceof NoteCreateError) fail(error.reason);
    throw error;
  }
});
