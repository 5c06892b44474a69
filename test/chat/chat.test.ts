import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatMessageLiteFor1on1Schema, ChatMessageLiteForRoomSchema, ChatMessageSchema, ChatRoomInvitationSchema, ChatRoomMembershipSchema, ChatRoomSchema,
} from '../../src/core/chat/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { NotificationSchema } from '../../src/core/notifications/schema.js';
import { upload } from '../drive/helpers.js';
import { startTestServer, type TestServer } from '../harness.js';
import { eventually, openStream, settle } from '../streaming/helpers.js';
import { policy, roleFor } from '../roles/helpers.js';
import { collect, createUsers, e, expectApiError, openToChat, unknownId } from './helpers.js';

/** Chat through misskey-js: 1:1 messages, chatScope, blocks, chatAvailability, streaming, read state, rooms, reactions, search. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

describe('1:1 messages', () => {
  it('sends, lists, shows, deletes; history and unread state follow', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    const b = server.client(bob!.token);
    const sent = await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'hello bob' });
    expectSchema(ChatMessageLiteFor1on1Schema, sent);
    expect(sent).toMatchObject({ fromUserId: alice!.id, toUserId: bob!.id, text: 'hello bob', reactions: [] });

    expect((await b.request('i', {})).hasUnreadChatMessages).toBe(true);
    expect((await a.request('i', {})).hasUnreadChatMessages).toBe(false);

    const history = await b.request('chat/history', {});
    expect(history.map((m) => m.id)).toEqual([sent.id]);
    for (const message of history) expectSchema(ChatMessageSchema, message);
    expect(history[0]).toMatchObject({ fromUser: { id: alice!.id }, toUser: { id: bob!.id }, isRead: false });

    const shown = await a.request('chat/messages/show', { messageId: sent.id });
    expectSchema(ChatMessageSchema, shown);
    expect(shown.text).toBe('hello bob');

    // Reading the conversation marks it read.
    const timeline = await b.request('chat/messages/user-timeline', { userId: alice!.id });
    for (const message of timeline) expectSchema(ChatMessageLiteFor1on1Schema, message);
    expect(timeline.map((m) => m.id)).toEqual([sent.id]);
    expect((await b.request('i', {})).hasUnreadChatMessages).toBe(false);

    const reply = await b.request('chat/messages/create-to-user', { toUserId: alice!.id, text: 'hi alice' }).catch((error) => error);
    // Alice keeps the default scope (mutual) and they do not follow each other.
    await expectApiError(Promise.reject(reply), e.toUser.recipientRefusesChat);

    // Paging: newest first; sinceId walks forward.
    const second = await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'second' });
    expect((await a.request('chat/messages/user-timeline', { userId: bob!.id })).map((m) => m.id)).toEqual([second.id, sent.id]);
    expect((await a.request('chat/messages/user-timeline', { userId: bob!.id, limit: 1 })).map((m) => m.id)).toEqual([second.id]);
    expect((await a.request('chat/messages/user-timeline', { userId: bob!.id, untilId: second.id })).map((m) => m.id)).toEqual([sent.id]);

    await b.request('chat/read-all', {});
    expect((await b.request('i', {})).hasUnreadChatMessages).toBe(false);

    await a.request('chat/messages/delete', { messageId: second.id });
    await expectApiError(a.request('chat/messages/show', { messageId: second.id }), e.show.noSuchMessage);
    // Only one's own message can be deleted.
    await expectApiError(b.request('chat/messages/delete', { messageId: sent.id }), e.deleteMessage.noSuchMessage);
    await expectApiError(a.request('chat/messages/delete', { messageId: unknownId }), e.deleteMessage.noSuchMessage);
  });

  it('answers every declared error of create-to-user, show and user-timeline', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: alice!.id, text: 'me' }), e.toUser.recipientIsYourself);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: unknownId, text: 'x' }), e.toUser.noSuchUser);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x', fileId: unknownId }), e.toUser.noSuchFile);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id }), e.toUser.contentRequired);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: null }), e.toUser.contentRequired);
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x'.repeat(2001) }), e.invalidParam);
    await expectApiError(a.request('chat/messages/user-timeline', { userId: unknownId }), e.userTimeline.noSuchUser);
    await expectApiError(a.request('chat/messages/show', { messageId: unknownId }), e.show.noSuchMessage);
    // A message between two others is not readable.
    const private_ = await server.client(carol!.token).request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'secret' });
    await expectApiError(a.request('chat/messages/show', { messageId: private_.id }), e.show.noSuchMessage);
    await expectApiError(a.request('chat/messages/react', { messageId: private_.id, reaction: '👍' }), e.react.noSuchMessage);
    await expectApiError(a.request('chat/messages/unreact', { messageId: private_.id, reaction: '👍' }), e.unreact.noSuchMessage);
    // Someone else's file.
    const file = await upload(server, carol!.token, 'a file');
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, fileId: file.id }), e.toUser.noSuchFile);
  });

  it('a file alone is a message; drive/files/attached-chat-messages lists it', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    const file = await upload(server, alice!.token, 'attached');
    const sent = await a.request('chat/messages/create-to-user', { toUserId: bob!.id, fileId: file.id });
    expect(sent).toMatchObject({ fileId: file.id, file: { id: file.id }, text: null });
    const attached = await a.request('drive/files/attached-chat-messages', { fileId: file.id });
    expect(attached.map((m) => m.id)).toEqual([sent.id]);
    for (const message of attached) expectSchema(ChatMessageSchema, message);
    await expectApiError(server.client(bob!.token).request('drive/files/attached-chat-messages', { fileId: file.id }), { code: 'NO_SUCH_FILE', id: 'c118ece3-2e4b-4296-99d1-51756e32d232' });
  });
});

describe('who may chat with whom', () => {
  it('chatScope: none, following, followers, mutual, everyone', async () => {
    const [sender, recipient] = await createUsers(server, 2);
    const s = server.client(sender!.token);
    const r = server.client(recipient!.token);
    const send = () => s.request('chat/messages/create-to-user', { toUserId: recipient!.id, text: 'hi' });
    expect((await r.request('i', {})).chatScope).toBe('mutual');
    await expectApiError(send(), e.toUser.recipientRefusesChat);

    await r.request('i/update', { chatScope: 'none' });
    await expectApiError(send(), e.toUser.recipientRefusesChat);

    await r.request('i/update', { chatScope: 'followers' });
    await expectApiError(send(), e.toUser.recipientRefusesChat);
    await s.request('following/create', { userId: recipient!.id });
    await send();

    await r.request('i/update', { chatScope: 'following' });
    await expectApiError(send(), e.toUser.recipientRefusesChat);
    await r.request('following/create', { userId: sender!.id });
    await send();

    await r.request('i/update', { chatScope: 'mutual' });
    await send();
    await s.request('following/delete', { userId: recipient!.id });
    await expectApiError(send(), e.toUser.recipientRefusesChat);

    await r.request('i/update', { chatScope: 'everyone' });
    await send();
    expect((await r.request('i', {})).chatScope).toBe('everyone');
  });

  it('blocks apply both ways, and hide the conversation from history', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, alice!.token);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    const b = server.client(bob!.token);
    await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'before' });
    await b.request('blocking/create', { userId: alice!.id });
    await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x' }), e.toUser.youHaveBeenBlocked);
    await expectApiError(b.request('chat/messages/create-to-user', { toUserId: alice!.id, text: 'x' }), e.toUser.recipientRefusesChat);
    expect(await a.request('chat/history', {})).toEqual([]);
    expect(await b.request('chat/history', {})).toEqual([]);
    expect((await b.request('i', {})).hasUnreadChatMessages).toBe(false);
    await b.request('blocking/delete', { userId: alice!.id });
    await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'after' });
    expect((await b.request('chat/history', {})).map((m) => m.text)).toEqual(['after']);
  });

  it('the chatAvailability policy: readonly reads but cannot write; unavailable cannot read', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, bob!.token);
    await openToChat(server, alice!.token);
    const admin = server.client((await server.createUser({ isAdmin: true })).token);
    const a = server.client(alice!.token);
    try {
      await admin.request('admin/roles/update-default-policies', { policies: { chatAvailability: 'readonly' } } as never);
      expect((await a.request('i', {})).canChat).toBe(false);
      await expectApiError(a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x' }), e.roleDenied);
      await expectApiError(a.request('chat/rooms/create', { name: 'r' }), e.roleDenied);
      expect(await a.request('chat/history', {})).toEqual([]);
      await admin.request('admin/roles/update-default-policies', { policies: { chatAvailability: 'unavailable' } } as never);
      await expectApiError(a.request('chat/history', {}), e.roleDenied);
      await expectApiError(a.request('chat/messages/user-timeline', { userId: bob!.id }), e.roleDenied);
    } finally {
      await admin.request('admin/roles/update-default-policies', { policies: {} });
    }
    expect((await a.request('i', {})).canChat).toBe(true);
    await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'ok' });
  });

  it('a recipient whose role makes chat unavailable refuses messages; a readonly one still receives them', async () => {
    const [sender, unavailable, readonly] = await createUsers(server, 3);
    for (const user of [unavailable, readonly]) await openToChat(server, user!.token);
    const admin = server.client((await server.createUser({ isAdmin: true })).token);
    await roleFor(admin, [unavailable!.id], { policies: { chatAvailability: policy('unavailable') } });
    await roleFor(admin, [readonly!.id], { policies: { chatAvailability: policy('readonly') } });
    const s = server.client(sender!.token);
    await expectApiError(s.request('chat/messages/create-to-user', { toUserId: unavailable!.id, text: 'x' }), e.toUser.recipientRefusesChat);
    await s.request('chat/messages/create-to-user', { toUserId: readonly!.id, text: 'x' });
    expect((await server.client(readonly!.token).request('chat/history', {})).map((m) => m.text)).toEqual(['x']);
    await expectApiError(server.client(readonly!.token).request('chat/messages/create-to-user', { toUserId: sender!.id, text: 'y' }), e.roleDenied);
    await openToChat(server, sender!.token);
    await expectApiError(server.client(unavailable!.token).request('chat/messages/create-to-user', { toUserId: sender!.id, text: 'z' }), e.roleDenied);
    await expectApiError(server.client(unavailable!.token).request('chat/history', {}), e.roleDenied);
  });

  it('an app token needs read:chat / write:chat', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, bob!.token);
    const readOnly = server.client(await server.createAppToken(alice!.id, ['read:chat']));
    const writeOnly = server.client(await server.createAppToken(alice!.id, ['write:chat']));
    await expectApiError(readOnly.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x' }), e.permissionDenied);
    await expectApiError(writeOnly.request('chat/history', {}), e.permissionDenied);
    await expectApiError(readOnly.request('chat/rooms/create', { name: 'x' }), e.permissionDenied);
    await writeOnly.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'x' });
    expect(await readOnly.request('chat/history', {})).toHaveLength(1);
    await expectApiError(server.client(null).request('chat/history', {}), e.credentialRequired);
  });
});

describe('streaming', () => {
  it('chatUser delivers message, react, unreact and deleted to both sides; main gets newChatMessage; read marks read', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    const b = server.client(bob!.token);
    const bobStream = await openStream(server, bob!.token);
    const aliceStream = await openStream(server, alice!.token);
    const bobChannel = bobStream.useChannel('chatUser', { otherId: alice!.id });
    const aliceChannel = aliceStream.useChannel('chatUser', { otherId: bob!.id });
    const main = bobStream.useChannel('main');
    const types = ['message', 'deleted', 'react', 'unreact'];
    const atBob = collect(bobChannel, types);
    const atAlice = collect(aliceChannel, types);
    const newMessages: any[] = [];
    main.on('newChatMessage', (body) => newMessages.push(body));
    await settle();

    const sent = await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'live' });
    await eventually(() => expect(atBob.map((x) => x.type)).toEqual(['message']));
    expectSchema(ChatMessageLiteFor1on1Schema, atBob[0]!.body);
    expect(atBob[0]!.body).toMatchObject({ id: sent.id, text: 'live' });
    await eventually(() => expect(atAlice.map((x) => x.type)).toEqual(['message']));
    await eventually(() => expect(newMessages.map((m) => m.id)).toEqual([sent.id]));
    expectSchema(ChatMessageSchema, newMessages[0]);

    await b.request('chat/messages/react', { messageId: sent.id, reaction: '👍' });
    await eventually(() => expect(atAlice.map((x) => x.type)).toEqual(['message', 'react']));
    expect(atAlice[1]!.body).toMatchObject({ messageId: sent.id, reaction: '👍', user: { id: bob!.id } });
    expect((await a.request('chat/messages/show', { messageId: sent.id })).reactions).toMatchObject([{ reaction: '👍', user: { id: bob!.id } }]);
    // The same reaction twice is one reaction.
    await b.request('chat/messages/react', { messageId: sent.id, reaction: '👍' });
    expect((await a.request('chat/messages/show', { messageId: sent.id })).reactions).toHaveLength(1);
    await b.request('chat/messages/unreact', { messageId: sent.id, reaction: '👍' });
    await eventually(() => expect(atAlice.map((x) => x.type)).toEqual(['message', 'react', 'unreact']));
    expect((await a.request('chat/messages/show', { messageId: sent.id })).reactions).toEqual([]);

    expect((await b.request('i', {})).hasUnreadChatMessages).toBe(true);
    bobChannel.send('read', { id: sent.id });
    await eventually(async () => expect((await b.request('i', {})).hasUnreadChatMessages).toBe(false));

    await a.request('chat/messages/delete', { messageId: sent.id });
    await eventually(() => expect(atBob.map((x) => x.type)).toEqual(['message', 'react', 'unreact', 'deleted']));
    expect(atBob[3]!.body).toBe(sent.id);
    bobStream.close();
    aliceStream.close();
  });

  it('a third user listening to the sender gets nothing; chatUser to oneself is refused', async () => {
    const [alice, bob, eve] = await createUsers(server, 3);
    await openToChat(server, bob!.token);
    const eveStream = await openStream(server, eve!.token);
    const eveChannel = eveStream.useChannel('chatUser', { otherId: alice!.id });
    const atEve = collect(eveChannel, ['message']);
    const bobStream = await openStream(server, bob!.token);
    const selfChannel = bobStream.useChannel('chatUser', { otherId: bob!.id });
    const atSelf = collect(selfChannel, ['message']);
    await settle();
    await server.client(alice!.token).request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'not for eve' });
    await settle();
    expect(atEve).toEqual([]);
    expect(atSelf).toEqual([]);
    eveStream.close();
    bobStream.close();
  });
});

describe('rooms', () => {
  it('create, invite, join, talk live, mute, leave, delete', async () => {
    const [owner, guest, outsider] = await createUsers(server, 3);
    const o = server.client(owner!.token);
    const g = server.client(guest!.token);
    const x = server.client(outsider!.token);
    const room = await o.request('chat/rooms/create', { name: 'Room', description: 'about' });
    expectSchema(ChatRoomSchema, room);
    expect(room).toMatchObject({ ownerId: owner!.id, name: 'Room', description: 'about', isMuted: false, invitationExists: false });
    expect((await o.request('chat/rooms/owned', {})).map((r) => r.id)).toEqual([room.id]);

    // Not a member yet: the room cannot be read or written.
    await expectApiError(g.request('chat/messages/room-timeline', { roomId: room.id }), e.roomTimeline.noSuchRoom);
    await expectApiError(g.request('chat/messages/create-to-room', { toRoomId: room.id, text: 'x' }), e.toRoom.noSuchRoom);
    await expectApiError(g.request('chat/rooms/join', { roomId: room.id }), e.rooms.join);

    const guestMain = await openStream(server, guest!.token);
    const notified = collect(guestMain.useChannel('main'), ['notification']);
    await settle();
    const invitation = await o.request('chat/rooms/invitations/create', { roomId: room.id, userId: guest!.id });
    expectSchema(ChatRoomInvitationSchema, invitation);
    // The invitee is notified (Misskey's chatRoomInvitationReceived), live and in the list, with the invitation packed.
    await eventually(() => expect(notified.map((n) => n.body?.type)).toEqual(['chatRoomInvitationReceived']));
    expect(notified[0]!.body.invitation).toMatchObject({ id: invitation.id, roomId: room.id, room: { id: room.id, name: 'Room' } });
    const invitedNotifications = await g.request('i/notifications', { includeTypes: ['chatRoomInvitationReceived'] });
    expect(invitedNotifications).toHaveLength(1);
    expectSchema(NotificationSchema, invitedNotifications[0]);
    expect(invitedNotifications[0]).toMatchObject({ type: 'chatRoomInvitationReceived', invitation: { id: invitation.id, userId: guest!.id } });
    guestMain.close();
    const inbox = await g.request('chat/rooms/invitations/inbox', {});
    expect(inbox.map((i) => i.id)).toEqual([invitation.id]);
    expect(inbox[0]!.room.invitationExists).toBe(true);
    expect((await o.request('chat/rooms/invitations/outbox', { roomId: room.id })).map((i) => i.userId)).toEqual([guest!.id]);
    await g.request('chat/rooms/join', { roomId: room.id });
    expect(await g.request('chat/rooms/invitations/inbox', {})).toEqual([]);
    // Answered, the invitation is gone, and so is its notification (Misskey drops what it cannot pack).
    expect(await g.request('i/notifications', { includeTypes: ['chatRoomInvitationReceived'] })).toEqual([]);
    const joining = await g.request('chat/rooms/joining', {});
    for (const m of joining) expectSchema(ChatRoomMembershipSchema, m);
    expect(joining.map((m) => m.room!.id)).toEqual([room.id]);
    const members = await o.request('chat/rooms/members', { roomId: room.id });
    expect(members.map((m) => m.user!.id)).toEqual([guest!.id]);
    await expectApiError(x.request('chat/rooms/members', { roomId: room.id }), e.rooms.members);

    const stream = await openStream(server, guest!.token);
    const channel = stream.useChannel('chatRoom', { roomId: room.id });
    const received = collect(channel, ['message', 'deleted', 'react', 'unreact']);
    const outsiderStream = await openStream(server, outsider!.token);
    const spy = collect(outsiderStream.useChannel('chatRoom', { roomId: room.id }), ['message']);
    await settle();
    const said = await o.request('chat/messages/create-to-room', { toRoomId: room.id, text: 'welcome' });
    expectSchema(ChatMessageLiteForRoomSchema, said);
    await eventually(() => expect(received.map((r) => r.body?.text)).toEqual(['welcome']));
    expectSchema(ChatMessageLiteForRoomSchema, received[0]!.body);
    expect((await g.request('i', {})).hasUnreadChatMessages).toBe(true);
    expect((await g.request('chat/history', { room: true })).map((m) => m.id)).toEqual([said.id]);
    const timeline = await g.request('chat/messages/room-timeline', { roomId: room.id });
    expect(timeline.map((m) => m.id)).toEqual([said.id]);
    expect((await g.request('i', {})).hasUnreadChatMessages).toBe(false);

    await g.request('chat/messages/react', { messageId: said.id, reaction: '🎉' });
    await eventually(() => expect(received.map((r) => r.type)).toEqual(['message', 'react']));
    await o.request('chat/messages/delete', { messageId: said.id });
    await eventually(() => expect(received.map((r) => r.type)).toEqual(['message', 'react', 'deleted']));
    expect(spy).toEqual([]);

    // Muted: new messages make nothing unread.
    await g.request('chat/rooms/mute', { roomId: room.id, mute: true });
    expect((await g.request('chat/rooms/show', { roomId: room.id })).isMuted).toBe(true);
    await o.request('chat/messages/create-to-room', { toRoomId: room.id, text: 'quiet' });
    expect((await g.request('i', {})).hasUnreadChatMessages).toBe(false);

    const updated = await o.request('chat/rooms/update', { roomId: room.id, name: 'Renamed' });
    expect(updated.name).toBe('Renamed');
    await expectApiError(g.request('chat/rooms/update', { roomId: room.id, name: 'mine' }), e.rooms.update);
    await expectApiError(g.request('chat/rooms/delete', { roomId: room.id }), e.rooms.delete);

    await g.request('chat/rooms/leave', { roomId: room.id });
    await expectApiError(g.request('chat/rooms/leave', { roomId: room.id }), e.rooms.leave);
    await expectApiError(g.request('chat/rooms/mute', { roomId: room.id, mute: false }), e.rooms.mute);
    await expectApiError(g.request('chat/messages/room-timeline', { roomId: room.id }), e.roomTimeline.noSuchRoom);

    await o.request('chat/rooms/delete', { roomId: room.id });
    await expectApiError(o.request('chat/rooms/show', { roomId: room.id }), e.rooms.show);
    stream.close();
    outsiderStream.close();
  });

  it('invitations: ignore, not yourself, not across a block, not a stranger\'s room; every NO_SUCH_ROOM', async () => {
    const [owner, guest, blocker] = await createUsers(server, 3);
    const o = server.client(owner!.token);
    const g = server.client(guest!.token);
    const room = await o.request('chat/rooms/create', { name: 'R' });
    await o.request('chat/rooms/invitations/create', { roomId: room.id, userId: guest!.id });
    await g.request('chat/rooms/invitations/ignore', { roomId: room.id });
    expect(await g.request('chat/rooms/invitations/inbox', {})).toEqual([]);
    await expectApiError(g.request('chat/rooms/invitations/ignore', { roomId: unknownId }), e.rooms.ignore);
    await expectApiError(o.request('chat/rooms/invitations/create', { roomId: room.id, userId: owner!.id }), e.rooms.cannotInvite);
    await expectApiError(o.request('chat/rooms/invitations/create', { roomId: room.id, userId: unknownId }), e.rooms.inviteNoSuchUser);
    await server.client(blocker!.token).request('blocking/create', { userId: owner!.id });
    await expectApiError(o.request('chat/rooms/invitations/create', { roomId: room.id, userId: blocker!.id }), e.rooms.cannotInvite);
    await expectApiError(g.request('chat/rooms/invitations/create', { roomId: room.id, userId: blocker!.id }), e.rooms.invite);
    await expectApiError(g.request('chat/rooms/invitations/outbox', { roomId: room.id }), e.rooms.outbox);
    await expectApiError(o.request('chat/rooms/show', { roomId: unknownId }), e.rooms.show);
    await expectApiError(o.request('chat/messages/search', { query: 'x', roomId: unknownId }), e.search.noSuchRoom);
    await expectApiError(o.request('chat/messages/create-to-room', { toRoomId: room.id }), e.toRoom.contentRequired);
    await expectApiError(o.request('chat/messages/create-to-room', { toRoomId: room.id, fileId: unknownId }), e.toRoom.noSuchFile);
    await expectApiError(o.request('chat/rooms/create', { name: 'x'.repeat(257) }), e.invalidParam);
  });
});

describe('search', () => {
  it('finds text in one\'s own conversations only', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    await openToChat(server, bob!.token);
    const a = server.client(alice!.token);
    const hit = await a.request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'the pineapple plan' });
    await server.client(carol!.token).request('chat/messages/create-to-user', { toUserId: bob!.id, text: 'pineapple too' });
    const found = await a.request('chat/messages/search', { query: 'PINEAPPLE' });
    expect(found.map((m) => m.id)).toEqual([hit.id]);
    for (const m of found) expectSchema(ChatMessageSchema, m);
    expect((await a.request('chat/messages/search', { query: 'pineapple', userId: bob!.id })).map((m) => m.id)).toEqual([hit.id]);
    expect(await a.request('chat/messages/search', { query: '100%' })).toEqual([]);
    expect((await server.client(bob!.token).request('chat/messages/search', { query: 'pineapple' }))).toHaveLength(2);
  });
});
