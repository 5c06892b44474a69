import { Type, type Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { UserLiteSchema } from '../users/schema.js';
import { NoteSchema } from '../notes/schema.js';
import { NoteDraftSchema } from '../drafts/schema.js';
import { AchievementNameSchema } from '../achievements/schema.js';
import { ChatRoomInvitationSchema } from '../chat/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const Base = { id: Id, createdAt: Type.String({ format: 'date-time' }) };
const FromUser = { ...Base, user: UserLiteSchema, userId: Id };

/**
 * The notification entities Mikan produces so far (misskey-js `Notification`, these members).
 * Later features add their members to this union.
 */
export const NotificationSchema = Type.Union([
  Type.Object({ ...FromUser, type: Type.Literal('follow') }),
  Type.Object({ ...FromUser, type: Type.Literal('receiveFollowRequest') }),
  Type.Object({ ...FromUser, type: Type.Literal('followRequestAccepted'), message: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ ...Base, type: Type.Literal('app'), body: Type.String(), header: Type.Union([Type.String(), Type.Null()]), icon: Type.Union([Type.String(), Type.Null()]) }),
  // Notes (src/core/notes/create.ts): the note is packed for the notifiee.
  Type.Object({ ...FromUser, type: Type.Literal('mention'), note: NoteSchema }),
  Type.Object({ ...FromUser, type: Type.Literal('reply'), note: NoteSchema }),
  Type.Object({ ...FromUser, type: Type.Literal('renote'), note: NoteSchema }),
  Type.Object({ ...FromUser, type: Type.Literal('quote'), note: NoteSchema }),
  // Reactions and polls (src/core/reactions, src/core/polls).
  Type.Object({ ...FromUser, type: Type.Literal('reaction'), note: NoteSchema, reaction: Type.String() }),
  Type.Object({ ...FromUser, type: Type.Literal('pollEnded'), note: NoteSchema }),
  // Scheduled notes (src/core/drafts/post-scheduled.ts).
  Type.Object({ ...Base, type: Type.Literal('scheduledNotePosted'), note: NoteSchema }),
  Type.Object({ ...Base, type: Type.Literal('scheduledNotePostFailed'), noteDraft: NoteDraftSchema }),
  Type.Object({ ...Base, type: Type.Literal('login') }),
  Type.Object({ ...Base, type: Type.Literal('createToken') }),
  // Achievements (src/core/achievements) and `notifications/test-notification`.
  Type.Object({ ...Base, type: Type.Literal('chatRoomInvitationReceived'), invitation: ChatRoomInvitationSchema }),
  Type.Object({ ...Base, type: Type.Literal('achievementEarned'), achievement: AchievementNameSchema }),
  Type.Object({ ...Base, type: Type.Literal('test') }),
  // Exports (src/core/exports): the drive file holding the export.
  Type.Object({
    ...Base, type: Type.Literal('exportCompleted'),
    exportedEntity: Type.Union([
      Type.Literal('antenna'), Type.Literal('blocking'), Type.Literal('clip'), Type.Literal('customEmoji'), Type.Literal('favorite'),
      Type.Literal('following'), Type.Literal('muting'), Type.Literal('note'), Type.Literal('userList'),
    ]),
    fileId: Id,
  }),
]);
export type Notification = Static<typeof NotificationSchema>;

/**
 * What `i/notifications` declares: validated against the members above, typed as misskey-js's whole
 * union so the endpoint's contract is the SDK's; test/types/social.ts checks the members themselves.
 */
export const NotificationResponseSchema = Type.Unsafe<entities.Notification>(NotificationSchema);

/** Every type misskey-js knows for `includeTypes` / `excludeTypes`. */
export const NOTIFICATION_TYPES = [
  'note', 'follow', 'mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded', 'scheduledNotePosted',
  'scheduledNotePostFailed', 'receiveFollowRequest', 'followRequestAccepted', 'roleAssigned',
  'chatRoomInvitationReceived', 'achievementEarned', 'exportCompleted', 'login', 'createToken', 'app', 'test',
  'pollVote', 'groupInvited',
] as const;

/**
 * `i/notifications-grouped`: the members above plus Misskey's two groups (src/core/notifications/grouped.ts).
 */
export const GroupedNotificationResponseSchema = Type.Unsafe<entities.Notification>(Type.Union([
  ...NotificationSchema.anyOf,
  Type.Object({ ...Base, type: Type.Literal('reaction:grouped'), note: NoteSchema, reactions: Type.Array(Type.Object({ user: UserLiteSchema, reaction: Type.String() })) }),
  Type.Object({ ...Base, type: Type.Literal('renote:grouped'), note: NoteSchema, users: Type.Array(UserLiteSchema) }),
]));
