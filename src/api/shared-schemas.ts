import type { TSchema } from '@sinclair/typebox';
import { DriveFileSchema, DriveFolderSchema } from '../core/drive/schema.js';
import { NoteSchema, NotePollSchema } from '../core/notes/schema.js';
import { AnnouncementSchema, AvatarDecorationSchema, MeDetailedSchema, RoleLiteSchema, UserDetailedNotMeSchema, UserDetailedSchema, UserLiteSchema } from '../core/users/schema.js';
import { AbuseReportNotificationRecipientSchema, SystemWebhookSchema } from '../core/moderation/schema.js';
import { NotificationSchema } from '../core/notifications/schema.js';
import { FollowingSchema, FollowRequestSchema, UserRelationSchema } from '../core/following/schema.js';
import { BlockingSchema, MutingSchema, RenoteMutingSchema } from '../core/blocking/schema.js';
import { UserListSchema, UserListMembershipSchema } from '../core/lists/schema.js';
import { EmojiDetailedSchema, EmojiSimpleSchema } from '../core/emojis/schema.js';
import { AppSchema, AuthorizedAppSchema } from '../core/apps/schema.js';
import { MetaLiteSchema, RolePoliciesSchema } from '../core/meta/schema.js';
import { HashtagSchema } from '../core/hashtags/schema.js';
import { ClipSchema } from '../core/clips/schema.js';
import { ChannelSchema } from '../core/channels/schema.js';
import { GalleryPostSchema } from '../core/gallery/schema.js';
import { PageSchema } from '../core/pages/schema.js';

type Json = Record<string, unknown>;

/**
 * The entities many endpoints return, described once under `components/schemas` and referenced
 * with `$ref`, as Misskey's document does (inlined, notes nest users, files and polls: megabytes).
 * Matched by identity: endpoint schemas embed these very objects.
 */
export const SHARED_SCHEMAS: Record<string, TSchema> = {
  Note: NoteSchema, NotePoll: NotePollSchema, UserLite: UserLiteSchema, UserDetailed: UserDetailedSchema,
  RoleLite: RoleLiteSchema, AvatarDecoration: AvatarDecorationSchema, Announcement: AnnouncementSchema,
  DriveFile: DriveFileSchema, DriveFolder: DriveFolderSchema, Notification: NotificationSchema,
  Following: FollowingSchema, FollowRequest: FollowRequestSchema, UserRelation: UserRelationSchema,
  Blocking: BlockingSchema, Muting: MutingSchema, RenoteMuting: RenoteMutingSchema,
  UserList: UserListSchema, UserListMembership: UserListMembershipSchema,
  EmojiSimple: EmojiSimpleSchema, EmojiDetailed: EmojiDetailedSchema, App: AppSchema, AuthorizedApp: AuthorizedAppSchema,
  MetaLite: MetaLiteSchema, RolePolicies: RolePoliciesSchema, Hashtag: HashtagSchema, Clip: ClipSchema,
  Channel: ChannelSchema, GalleryPost: GalleryPostSchema, Page: PageSchema,
  UserDetailedNotMe: UserDetailedNotMeSchema, MeDetailed: MeDetailedSchema, SystemWebhook: SystemWebhookSchema, AbuseReportNotificationRecipient: AbuseReportNotificationRecipientSchema,
};
const sharedNames = new Map<unknown, string>(Object.entries(SHARED_SCHEMAS).map(([name, schema]) => [schema, name]));

/**
 * Plain JSON of a schema with every shared entity inside it (but `root` itself) replaced by a `$ref`
 * to `${base}${name}`: `#/components/schemas/` in the OpenAPI document, the shared document's URI for
 * the test-mode response check (src/api/validate.ts), which then compiles each entity once.
 */
export function withReferences(schema: TSchema, root: TSchema | null, base: string): Json {
  return JSON.parse(JSON.stringify(schema, (_key, value: unknown) => {
    const name = value !== root ? sharedNames.get(value) : undefined;
    return name ? { $ref: `${base}${name}` } : value;
  })) as Json;
}

