/** Compile-time contract for the social graph's entities and endpoint responses. */
import { Type, type Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { FollowingSchema, FollowRequestSchema, UserRelationSchema } from '../../src/core/following/schema.js';
import { BlockingSchema, MutingSchema, RenoteMutingSchema } from '../../src/core/blocking/schema.js';
import { NotificationSchema } from '../../src/core/notifications/schema.js';
import followingCreate from '../../src/api/endpoints/following/create.js';
import followingDelete from '../../src/api/endpoints/following/delete.js';
import followingUpdate from '../../src/api/endpoints/following/update.js';
import followingInvalidate from '../../src/api/endpoints/following/invalidate.js';
import requestsList from '../../src/api/endpoints/following/requests/list.js';
import requestsSent from '../../src/api/endpoints/following/requests/sent.js';
import requestsCancel from '../../src/api/endpoints/following/requests/cancel.js';
import blockingCreate from '../../src/api/endpoints/blocking/create.js';
import blockingDelete from '../../src/api/endpoints/blocking/delete.js';
import blockingList from '../../src/api/endpoints/blocking/list.js';
import muteList from '../../src/api/endpoints/mute/list.js';
import renoteMuteList from '../../src/api/endpoints/renote-mute/list.js';
import usersFollowers from '../../src/api/endpoints/users/followers.js';
import usersFollowing from '../../src/api/endpoints/users/following.js';
import usersRelation from '../../src/api/endpoints/users/relation.js';
import iNotifications from '../../src/api/endpoints/i/notifications.js';

type ResOf<E extends { handler: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<E['handler']>>;

assertType<MutuallyAssignable<Static<typeof FollowingSchema>, entities.Following>>();
assertType<MutuallyAssignable<Static<typeof FollowRequestSchema>, entities.FollowingRequestsListResponse[number]>>();
assertType<MutuallyAssignable<Static<typeof BlockingSchema>, entities.Blocking>>();
assertType<MutuallyAssignable<Static<typeof MutingSchema>, entities.Muting>>();
assertType<MutuallyAssignable<Static<typeof RenoteMutingSchema>, entities.RenoteMuting>>();
assertType<MutuallyAssignable<Static<typeof UserRelationSchema>, Extract<entities.UsersRelationResponse, { id: string }>>>();
// Only the notification types Mikan produces so far; the union grows with later features.
type ProducedNotification = Extract<entities.Notification, { type: 'follow' | 'receiveFollowRequest' | 'followRequestAccepted' | 'app' | 'login' | 'createToken' | 'mention' | 'reply' | 'renote' | 'quote' | 'reaction' | 'pollEnded' | 'scheduledNotePosted' | 'scheduledNotePostFailed' | 'exportCompleted' | 'achievementEarned' | 'test' | 'chatRoomInvitationReceived' }>;
assertType<MutuallyAssignable<Static<typeof NotificationSchema>, ProducedNotification>>();

assertType<MutuallyAssignable<ResOf<typeof followingCreate>, Endpoints['following/create']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof followingDelete>, Endpoints['following/delete']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof followingUpdate>, Endpoints['following/update']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof followingInvalidate>, Endpoints['following/invalidate']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof requestsList>, Endpoints['following/requests/list']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof requestsSent>, Endpoints['following/requests/sent']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof requestsCancel>, Endpoints['following/requests/cancel']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof blockingCreate>, Endpoints['blocking/create']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof blockingDelete>, Endpoints['blocking/delete']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof blockingList>, Endpoints['blocking/list']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof muteList>, Endpoints['mute/list']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof renoteMuteList>, Endpoints['renote-mute/list']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof usersFollowers>, Endpoints['users/followers']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof usersFollowing>, Endpoints['users/following']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof usersRelation>, Endpoints['users/relation']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof iNotifications>, Endpoints['i/notifications']['res']>>();

// The check bites: a Muting whose expiresAt lost its null no longer fits misskey-js.
const DriftedMuting = Type.Composite([Type.Omit(MutingSchema, ['expiresAt']), Type.Object({ expiresAt: Type.String() })]);
// @ts-expect-error expiresAt must be nullable
assertType<MutuallyAssignable<Static<typeof DriftedMuting>, entities.Muting>>();
