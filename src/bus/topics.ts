import type { AppContext } from '../context.js';

/**
 * Topic names and typed publishers, modelled on Misskey's internal streams. Streaming channels
 * subscribe to these; core functions publish through the helpers below, never by topic string.
 *
 * - `notesStream`: every new note (the stored row, JSON-encoded); channels filter per viewer.
 * - `mainStream:<userId>`: a user's private events (`notification`, `mention`, `reply`, `renote`,
 *   `follow`, `followed`, `unfollow`, `receiveFollowRequest`, `meUpdated`, `readAllNotifications`,
 *   `unreadNotification`, `driveFileCreated`, ...), `{ type, body }` as the `main` channel sends them.
 * - `noteStream:<noteId>`: note capture events (`reacted`, `unreacted`, `deleted`, `pollVoted`,
 *   `updated`), `{ type, body }` with body as streaming.tsv describes it.
 * - `driveStream:<userId>`: `fileCreated`, `fileDeleted`, `fileUpdated`, `folderCreated`,
 *   `folderDeleted`, `folderUpdated`.
 * - `userListStream:<listId>`: `userAdded`, `userRemoved` (membership changes for live list timelines).
 * - `broadcast`: instance-wide events (`emojiAdded`, ...).
 * - `internal`: cache invalidation between processes (`usersChanged`, `relationsChanged`, with the
 *   user ids), published by src/core/cache/caches.ts; streaming reloads its viewers on them too;
 *   `metaChanged` (no ids) when the instance settings changed (src/core/meta/service.ts);
 *   `rolesChanged` (no ids) when roles or assignments changed (src/core/roles/service.ts);
 *   `antennasChanged` (antenna ids) when antennas were created, edited, used or deleted
 *   (src/core/antennas/antenna-index.ts reloads them).
 * - `antennaStream:<antennaId>`: `note` (the stored row) when the antenna collected a new note.
 * - `chatUserStream:<userId>-<otherId>`: the 1:1 conversation as `userId` sees it (`message`,
 *   `deleted`, `react`, `unreact`), for the `chatUser` channel; one topic per side.
 * - `chatRoomStream:<roomId>`: a room's `message`, `deleted`, `react`, `unreact`, for `chatRoom`.
 */
export const topics = {
  notes: 'notesStream',
  main: (userId: string) => `mainStream:${userId}`,
  note: (noteId: string) => `noteStream:${noteId}`,
  drive: (userId: string) => `driveStream:${userId}`,
  userList: (listId: string) => `userListStream:${listId}`,
  antenna: (antennaId: string) => `antennaStream:${antennaId}`,
  chatUser: (userId: string, otherId: string) => `chatUserStream:${userId}-${otherId}`,
  chatRoom: (roomId: string) => `chatRoomStream:${roomId}`,
  broadcast: 'broadcast',
  internal: 'internal',
} as const;

export type InternalEvent =
  | { type: 'usersChanged' | 'relationsChanged'; userIds: string[] }
  | { type: 'metaChanged' }
  /** Roles or role assignments changed (src/core/roles/service.ts): every process reloads them. */
  | { type: 'rolesChanged' }
  | { type: 'antennasChanged'; antennaIds: string[] };

export interface StreamEvent<T = unknown> { type: string; body: T }

export function publishMainStream(ctx: AppContext, userId: string, type: string, body: unknown = null): void {
  ctx.bus.publish(topics.main(userId), { type, body } satisfies StreamEvent);
}

export function publishNoteStream(ctx: AppContext, noteId: string, type: string, body: unknown = {}): void {
  ctx.bus.publish(topics.note(noteId), { type, body } satisfies StreamEvent);
}

export function publishDriveStream(ctx: AppContext, userId: string, type: string, body: unknown): void {
  ctx.bus.publish(topics.drive(userId), { type, body } satisfies StreamEvent);
}

export function publishUserListStream(ctx: AppContext, listId: string, type: string, body: unknown): void {
  ctx.bus.publish(topics.userList(listId), { type, body } satisfies StreamEvent);
}

/** A note an antenna collected (the stored row), for the `antenna` streaming channel. */
export function publishAntennaNote(ctx: AppContext, antennaId: string, note: unknown): void {
  ctx.bus.publish(topics.antenna(antennaId), { type: 'note', body: note } satisfies StreamEvent);
}

/** A new note, as stored. Published after its transaction committed. */
export function publishNote(ctx: AppContext, note: unknown): void {
  ctx.bus.publish(topics.notes, note);
}

export function publishBroadcast(ctx: AppContext, type: string, body: unknown): void {
  ctx.bus.publish(topics.broadcast, { type, body } satisfies StreamEvent);
}

/** A 1:1 chat event as `userId` sees the conversation with `otherId` (the `chatUser` channel). */
export function publishChatUserStream(ctx: AppContext, userId: string, otherId: string, type: string, body: unknown): void {
  ctx.bus.publish(topics.chatUser(userId, otherId), { type, body } satisfies StreamEvent);
}

/** A chat room event (the `chatRoom` channel). */
export function publishChatRoomStream(ctx: AppContext, roomId: string, type: string, body: unknown): void {
  ctx.bus.publish(topics.chatRoom(roomId), { type, body } satisfies StreamEvent);
}
