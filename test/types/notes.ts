/** Compile-time contract for the note entity and the notes endpoints' responses. */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { NoteSchema } from '../../src/core/notes/schema.js';

assertType<MutuallyAssignable<Static<typeof NoteSchema>, entities.Note>>();
import { NotificationSchema } from '../../src/core/notifications/schema.js';
type NoteNotification = Extract<entities.Notification, { type: 'mention' }>;
type Mine = Extract<Static<typeof NotificationSchema>, { type: 'mention' }>;
assertType<MutuallyAssignable<Mine, NoteNotification>>();
assertType<MutuallyAssignable<Mine['note'], NoteNotification['note']>>();
