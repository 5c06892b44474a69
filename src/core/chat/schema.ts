import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DriveFileSchema } from '../drive/schema.js';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** misskey-js `ChatRoom` (test/types/chat.ts checks the fit). `isMuted` / `invitationExists` for the viewer. */
export const ChatRoomSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  ownerId: Id,
  owner: UserLiteSchema,
  name: Type.String(),
  description: Type.String(),
  isMuted: Type.Optional(Type.Boolean()),
  invitationExists: Type.Optional(Type.Boolean()),
});
export type ChatRoom = Static<typeof ChatRoomSchema>;

/** misskey-js `ChatMessage`: with the sender, the recipient or the room, and reactions with their users. */
export const ChatMessageSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  fromUserId: Id,
  fromUser: UserLiteSchema,
  toUserId: Type.Optional(Nullable(Id)),
  toUser: Type.Optional(Nullable(UserLiteSchema)),
  toRoomId: Type.Optional(Nullable(Id)),
  toRoom: Type.Optional(Nullable(ChatRoomSchema)),
  text: Type.Optional(Nullable(Type.String())),
  fileId: Type.Optional(Nullable(Id)),
  file: Type.Optional(Nullable(DriveFileSchema)),
  isRead: Type.Optional(Type.Boolean()),
  reactions: Type.Array(Type.Object({ reaction: Type.String(), user: UserLiteSchema })),
});
export type ChatMessage = Static<typeof ChatMessageSchema>;

/** misskey-js `ChatMessageLiteFor1on1`: what a 1:1 conversation shows (both users are known). */
export const ChatMessageLiteFor1on1Schema = Type.Object({
  id: Id,
  createdAt: DateTime,
  fromUserId: Id,
  toUserId: Id,
  text: Type.Optional(Nullable(Type.String())),
  fileId: Type.Optional(Nullable(Id)),
  file: Type.Optional(Nullable(DriveFileSchema)),
  reactions: Type.Array(Type.Object({ reaction: Type.String() })),
});
export type ChatMessageLiteFor1on1 = Static<typeof ChatMessageLiteFor1on1Schema>;

/** misskey-js `ChatMessageLiteForRoom`: a room message with its sender. */
export const ChatMessageLiteForRoomSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  fromUserId: Id,
  fromUser: UserLiteSchema,
  toRoomId: Id,
  text: Type.Optional(Nullable(Type.String())),
  fileId: Type.Optional(Nullable(Id)),
  file: Type.Optional(Nullable(DriveFileSchema)),
  reactions: Type.Array(Type.Object({ reaction: Type.String(), user: UserLiteSchema })),
});
export type ChatMessageLiteForRoom = Static<typeof ChatMessageLiteForRoomSchema>;

/** misskey-js `ChatRoomInvitation`. */
export const ChatRoomInvitationSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  userId: Id,
  user: UserLiteSchema,
  roomId: Id,
  room: ChatRoomSchema,
});
export type ChatRoomInvitation = Static<typeof ChatRoomInvitationSchema>;

/** misskey-js `ChatRoomMembership`: `user` in `chat/rooms/members`, `room` in `chat/rooms/joining`. */
export const ChatRoomMembershipSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  userId: Id,
  user: Type.Optional(UserLiteSchema),
  roomId: Id,
  room: Type.Optional(ChatRoomSchema),
});
export type ChatRoomMembership = Static<typeof ChatRoomMembershipSchema>;
