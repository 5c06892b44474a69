/**
 * The refusals of `notes/create`, in Misskey's codes and ids (../shared/spec/errors.tsv), keyed by
 * `NoteCreateFailure`. Drafts run the same checks (`checkNoteInput`), so they declare the same
 * errors from here: a check added to notes/create is declared for drafts too.
 */
export const noteCreateErrors = {
  noSuchRenoteTarget: { message: 'No such renote target.', code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4' },
  cannotReRenote: { message: 'You can not Renote a pure Renote.', code: 'CANNOT_RENOTE_TO_A_PURE_RENOTE', id: 'fd4cc33e-2a37-48dd-99cc-9b806eb2031a' },
  cannotRenoteDueToVisibility: { message: 'You can not Renote due to target visibility.', code: 'CANNOT_RENOTE_DUE_TO_VISIBILITY', id: 'be9529e9-fe72-4de0-ae43-0b363c4938af' },
  noSuchReplyTarget: { message: 'No such reply target.', code: 'NO_SUCH_REPLY_TARGET', id: '749ee0f6-d3da-459a-bf02-282e2da4292c' },
  cannotReplyToInvisibleNote: { message: 'You cannot reply to an invisible Note.', code: 'CANNOT_REPLY_TO_AN_INVISIBLE_NOTE', id: 'b98980fa-3780-406c-a935-b6d0eeee10d1' },
  cannotReplyToPureRenote: { message: 'You can not reply to a pure Renote.', code: 'CANNOT_REPLY_TO_A_PURE_RENOTE', id: '3ac74a84-8fd5-4bb0-870f-01804f82ce15' },
  cannotReplyToSpecifiedVisibilityNoteWithExtendedVisibility: { message: 'You cannot reply to a specified visibility note with extended visibility.', code: 'CANNOT_REPLY_TO_SPECIFIED_VISIBILITY_NOTE_WITH_EXTENDED_VISIBILITY', id: 'ed940410-535c-4d5e-bfa3-af798671e93c' },
  cannotCreateAlreadyExpiredPoll: { message: 'Poll is already expired.', code: 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', id: '04da457d-b083-4055-9082-955525eda5a5' },
  noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'b1653923-5453-4edc-b786-7c4f39bb0bbb' },
  cannotRenoteOutsideOfChannel: { message: 'Cannot renote outside of channel.', code: 'CANNOT_RENOTE_OUTSIDE_OF_CHANNEL', id: '33510210-8452-094c-6227-4a6c05d99f00' },
  youHaveBeenBlocked: { message: 'You have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'b390d7e1-8a5e-46ed-b625-06271cafd3d3' },
  noSuchFile: { message: 'Some files are not found.', code: 'NO_SUCH_FILE', id: 'b6992544-63e7-67f0-fa7f-32444b1b5306' },
  containsProhibitedWords: { message: 'Cannot post because it contains prohibited words.', code: 'CONTAINS_PROHIBITED_WORDS', id: 'aa6e01d3-a85c-669d-758a-76aab43af334' },
  containsTooManyMentions: { message: 'Cannot post because it exceeds the allowed number of mentions.', code: 'CONTAINS_TOO_MANY_MENTIONS', id: '4de0363a-3046-481b-9b0f-feff3e211025' },
} as const;

/** The declared errors of notes/drafts/create and update besides the draft's own. */
export const draftErrors = {
  ...noteCreateErrors,
  // The fork's notes/create scheduling errors (../shared/spec/errors.tsv).
  cannotScheduleToPast: { message: 'Cannot schedule to the past.', code: 'CANNOT_SCHEDULE_TO_PAST', id: 'e577d185-8179-4a17-b47f-6093985558e6' },
  tooManyScheduledNotes: { message: 'You cannot schedule notes any more.', code: 'TOO_MANY_SCHEDULED_NOTES', id: '9e33041f-f6fb-414d-98c1-591466e55287', kind: 'permission' },
  // Upstream's id; notes/drafts/* has no entry in ../shared/spec (misskey-js-only).
  tooManyDrafts: { message: 'You cannot create drafts any more.', code: 'TOO_MANY_DRAFTS', id: '9ee33bbe-fde3-4c71-9b51-e50492c6b9c8' },
} as const;
