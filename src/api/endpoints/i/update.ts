import { Type, type TSchema } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { ApiError, apiErrors } from '../../errors.js';
import { packMe } from '../../../core/users/pack.js';
import { acceptAllFollowRequests } from '../../../core/following/requests.js';
import { findUserById } from '../../../core/users/read.js';
import { ProfileUpdateError, updateProfile } from '../../../core/users/profile.js';
import { publishMainStream } from '../../../bus/topics.js';
import { PROFILE_LANGS } from '../../../core/users/langs.js';
import { ChatScopeSchema, MeDetailedSchema, NotificationReceiveConfigSchema } from '../../../core/users/schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const Visibility = Type.Union([Type.Literal('public'), Type.Literal('followers'), Type.Literal('private')]);
const MutedWords = Type.Array(Type.Union([Type.Array(Type.String()), Type.String()]));
// Stored in a 32-bit column, as in Misskey: seconds (negative: relative to now).
const Seconds = Type.Integer({ minimum: -2147483648, maximum: 2147483647 });

export default defineEndpoint({
  summary: 'Changes the signed-in account\'s profile and settings; answers the account.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchAvatar: { message: 'No such avatar file.', code: 'NO_SUCH_AVATAR', id: '539f3a45-f215-4f81-a9a8-31293640207f' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'e0f0d3c7-e704-4314-a0b5-04286d69a65c' },
    noSuchBanner: { message: 'No such banner file.', code: 'NO_SUCH_BANNER', id: '0d8f5629-f210-41c2-9433-735831a58595' },
    avatarNotAnImage: { message: 'The file specified as an avatar is not an image.', code: 'AVATAR_NOT_AN_IMAGE', id: 'f419f9f8-2f4d-46b1-9fb4-49d3a2fd7191' },
    fileNotAnImage: { message: 'The file is not an image.', code: 'FILE_NOT_AN_IMAGE', id: '2851568b-5ad1-4031-bf0d-5320afebf3a9' },
    bannerNotAnImage: { message: 'The file specified as a banner is not an image.', code: 'BANNER_NOT_AN_IMAGE', id: '75aedb19-2afd-4e6d-87fc-67941256fa60' },
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: '8e01b590-7eb9-431b-a239-860e086c408e' },
    invalidRegexp: { message: 'Invalid Regular Expression.', code: 'INVALID_REGEXP', id: '0d786918-10df-41cd-8f33-8dec7d9a89a5' },
    tooManyMutedWords: { message: 'Too many muted words.', code: 'TOO_MANY_MUTED_WORDS', id: '010665b1-a211-42d2-bc64-8f6609d79785' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
    uriNull: { message: 'User ActivityPub URI is null.', code: 'URI_NULL', id: 'bf326f31-d430-4f97-9933-5d61e4d48a23' },
    invalidUrl: { message: 'Invalid URL', code: 'INVALID_URL', id: 'b2452e00-2bd0-4da8-a2d0-972859da7358' },
    forbiddenToSetYourself: { message: 'You can\'t set yourself as your own alias.', code: 'FORBIDDEN_TO_SET_YOURSELF', id: '25c90186-4ab0-49c8-9bba-a1fa6c202ba4' },
    restrictedByRole: { message: 'This feature is restricted by your role.', code: 'RESTRICTED_BY_ROLE', id: '8feff0ba-5ab5-585b-31f4-4df816663fad' },
    nameContainsProhibitedWords: { message: 'Your new name contains prohibited words.', code: 'YOUR_NAME_CONTAINS_PROHIBITED_WORDS', id: '0b3f9f6a-2f4d-4b1f-9fb4-49d3a2fd7191', httpStatusCode: 422 },
  },
  // Misskey's limits; every field is optional and only the ones sent change.
  params: Type.Object({
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    description: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1500 }))),
    followedMessage: Type.Optional(Nullable(Type.String({ maxLength: 256 }))),
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    birthday: Type.Optional(Nullable(Type.String({ pattern: '^([0-9]{4})-([0-9]{2})-([0-9]{2})$' }))),
    lang: Type.Optional(Nullable(Type.String({ enum: [...PROFILE_LANGS] }))),
    avatarId: Type.Optional(Nullable(Id)),
    avatarDecorations: Type.Optional(Type.Array(Type.Object({
      id: Id,
      angle: Type.Optional(Nullable(Type.Number({ minimum: -0.5, maximum: 0.5 }))),
      flipH: Type.Optional(Nullable(Type.Boolean())),
      offsetX: Type.Optional(Nullable(Type.Number({ minimum: -0.25, maximum: 0.25 }))),
      offsetY: Type.Optional(Nullable(Type.Number({ minimum: -0.25, maximum: 0.25 }))),
    }), { maxItems: 16 })),
    bannerId: Type.Optional(Nullable(Id)),
    fields: Type.Optional(Type.Array(Type.Object({ name: Type.String(), value: Type.String() }), { minItems: 0, maxItems: 16 })),
    isLocked: Type.Optional(Type.Boolean()),
    isExplorable: Type.Optional(Type.Boolean()),
    hideOnlineStatus: Type.Optional(Type.Boolean()),
    publicReactions: Type.Optional(Type.Boolean()),
    carefulBot: Type.Optional(Type.Boolean()),
    autoAcceptFollowed: Type.Optional(Type.Boolean()),
    noCrawle: Type.Optional(Type.Boolean()),
    preventAiLearning: Type.Optional(Type.Boolean()),
    requireSigninToViewContents: Type.Optional(Type.Boolean()),
    makeNotesFollowersOnlyBefore: Type.Optional(Nullable(Seconds)),
    makeNotesHiddenBefore: Type.Optional(Nullable(Seconds)),
    isBot: Type.Optional(Type.Boolean()),
    isCat: Type.Optional(Type.Boolean()),
    injectFeaturedNote: Type.Optional(Type.Boolean()),
    receiveAnnouncementEmail: Type.Optional(Type.Boolean()),
    alwaysMarkNsfw: Type.Optional(Type.Boolean()),
    autoSensitive: Type.Optional(Type.Boolean()),
    followingVisibility: Type.Optional(Visibility),
    followersVisibility: Type.Optional(Visibility),
    chatScope: Type.Optional(ChatScopeSchema),
    pinnedPageId: Type.Optional(Nullable(Id)),
    mutedWords: Type.Optional(MutedWords),
    hardMutedWords: Type.Optional(MutedWords),
    mutedInstances: Type.Optional(Type.Array(Type.String())),
    notificationRecieveConfig: Type.Optional(NotificationReceiveConfigSchema),
    emailNotificationTypes: Type.Optional(Type.Array(Type.String())),
    alsoKnownAs: Type.Optional(Type.Array(Type.String(), { maxItems: 10, uniqueItems: true })),
    // The MisskeyIO fork's mutual-link banners: each link an image from the caller's drive.
    mutualLinkSections: Type.Optional(Type.Array(Type.Object({
      name: Type.Optional(Nullable(Type.String())),
      mutualLinks: Type.Array(Type.Object({
        url: Type.String({ format: 'url' }),
        fileId: Id,
        description: Type.Optional(Nullable(Type.String())),
      }), { maxItems: 30 }),
    }), { maxItems: 10 })),
  }),
  res: MeDetailedSchema,
}, async ({ params, me, token, ctx, fail }) => {
  try {
    let user = await updateProfile(ctx, me!.id, params);
    // Misskey: unlocking an account accepts everyone who was waiting (read again: counts moved).
    if (params.isLocked === false && await acceptAllFollowRequests(ctx, me!.id) > 0) user = await findUserById(ctx, me!.id) ?? user;
    const packed = await packMe(ctx, user, { includeSecrets: token!.isNative, onlineStatusBefore: me!.onlineStatusBefore });
    // Streaming: the user's other clients refresh their copy (never with secrets such as the e-mail address).
    publishMainStream(ctx, me!.id, 'meUpdated', token!.isNative ? await packMe(ctx, user) : packed);
    return packed;
  } catch (error) {
    if (error instanceof ProfileUpdateError) {
      // Misskey's inline 403 for a moved account changing its aliases.
      if (error.reason === 'yourAccountMoved') throw new ApiError(apiErrors.yourAccountMoved);
      fail(error.reason);
    }
    throw error;
  }
});
