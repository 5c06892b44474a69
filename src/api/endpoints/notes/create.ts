import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { ApiError, apiErrors } from '../../errors.js';
import { MAX_DATE_MS, MAX_DURATION_MS } from '../../validate.js';
import { createNote, NoteCreateError } from '../../../core/notes/create.js';
import { packNote } from '../../../core/notes/pack.js';
import { NoteSchema, NoteVisibilitySchema, ReactionAcceptanceSchema } from '../../../core/notes/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const FileIds = Type.Array(Id, { uniqueItems: true, minItems: 1, maxItems: 16 });

export default defineEndpoint({
  summary: 'Posts a note: text, CW, files, a poll, a reply, a renote or a quote.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300 },
  errors: {
    noSuchRenoteTarget: { message: 'No such renote target.', code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4' },
    cannotReRenote: { message: 'You can not Renote a pure Renote.', code: 'CANNOT_RENOTE_TO_A_PURE_RENOTE', id: 'fd4cc33e-2a37-48dd-99cc-9b806eb2031a' },
    cannotRenoteDueToVisibility: { message: 'You can not Renote due to target visibility.', code: 'CANNOT_RENOTE_DUE_TO_VISIBILITY', id: 'be9529e9-fe72-4de0-ae43-0b363c4938af' },
    noSuchReplyTarget: { message: 'No such reply target.', code: 'NO_SUCH_REPLY_TARGET', id: '749ee0f6-d3da-459a-bf02-282e2da4292c' },
    cannotReplyToInvisibleNote: { message: 'You cannot reply to an invisible Note.', code: 'CANNOT_REPLY_TO_AN_INVISIBLE_NOTE', id: 'b98980fa-3780-406c-a935-b6d0eeee10d1' },
    cannotReplyToPureRenote: { message: 'You can not reply to a pure Renote.', code: 'CANNOT_REPLY_TO_A_PURE_RENOTE', id: '3ac74a84-8fd5-4bb0-870f-01804f82ce15' },
    cannotReplyToSpecifiedVisibilityNoteWithExtendedVisibility: { message: 'You cannot reply to a specified visibility note with extended visibility.', code: 'CANNOT_REPLY_TO_SPECIFIED_VISIBILITY_NOTE_WITH_EXTENDED_VISIBILITY', id: 'ed940410-535c-4d5e-bfa3-af798671e93c' },
    cannotCreateAlreadyExpiredPoll: { message: 'Poll is already expired.', code: 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', id: '04da457d-b083-4055-9082-955525eda5a5' },
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'b1653923-5453-4edc-b786-7c4f39bb0bbb' },
    youHaveBeenBlocked: { message: 'You have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'b390d7e1-8a5e-46ed-b625-06271cafd3d3' },
    noSuchFile: { message: 'Some files are not found.', code: 'NO_SUCH_FILE', id: 'b6992544-63e7-67f0-fa7f-32444b1b5306' },
    containsProhibitedWords: { message: 'Cannot post because it contains prohibited words.', code: 'CONTAINS_PROHIBITED_WORDS', id: 'aa6e01d3-a85c-669d-758a-76aab43af334' },
    containsTooManyMentions: { message: 'Cannot post because it exceeds the allowed number of mentions.', code: 'CONTAINS_TOO_MANY_MENTIONS', id: '4de0363a-3046-481b-9b0f-feff3e211025' },
  },
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
