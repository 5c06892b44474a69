/** Compile-time contract for chat (issue 27). */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import {
  ChatMessageLiteFor1on1Schema, ChatMessageLiteForRoomSchema, ChatMessageSchema, ChatRoomInvitationSchema,
  ChatRoomMembershipSchema, ChatRoomSchema,
} from '../../src/core/chat/schema.js';

assertType<MutuallyAssignable<Static<typeof ChatMessageSchema>, entities.ChatMessage>>();
assertType<MutuallyAssignable<Static<typeof ChatMessageLiteFor1on1Schema>, entities.ChatMessageLiteFor1on1>>();
assertType<MutuallyAssignable<Static<typeof ChatMessageLiteForRoomSchema>, entities.ChatMessageLiteForRoom>>();
assertType<MutuallyAssignable<Static<typeof ChatRoomSchema>, entities.ChatRoom>>();
assertType<MutuallyAssignable<Static<typeof ChatRoomInvitationSchema>, entities.ChatRoomInvitation>>();
assertType<MutuallyAssignable<Static<typeof ChatRoomMembershipSchema>, entities.ChatRoomMembership>>();
