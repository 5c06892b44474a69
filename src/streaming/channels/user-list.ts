import { eq } from 'drizzle-orm';
import { topics, type StreamEvent } from '../../bus/topics.js';
import { userListMemberships, userLists, type NoteRow } from '../../db/schema/index.js';
import { channelNoteAllowed } from '../../core/notes/visibility.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, readTimelineParams, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';

/**
 * `userList`: notes of the members of one of the viewer's lists (params listId, withFiles,
 * withRenotes), plus `userAdded` / `userRemoved` when the list changes. Replies of a member to
 * others show only when the membership has `withReplies`, as `notes/user-list-timeline`.
 */
class UserListChannel extends TimelineChannel {
  private listId = '';
  private members = new Map<string, boolean>();

  async init(params: Record<string, unknown>): Promise<boolean> {
    const user = this.user;
    if (!user || typeof params.listId !== 'string') return false;
    this.listId = params.listId;
    const [list] = await this.ctx.db.select({ userId: userLists.userId }).from(userLists).where(eq(userLists.id, this.listId)).limit(1);
    if (!list || list.userId !== user.id) return false;
    this.params = { ...readTimelineParams(params), withReplies: false };
    await this.loadMembers();
    this.listen(topics.userList(this.listId), async (message) => {
      const event = message as StreamEvent<{ id?: string }>;
      if (event?.type !== 'userAdded' && event?.type !== 'userRemoved') return;
      if (event.type === 'userRemoved' && event.body?.id) this.members.delete(event.body.id);
      else await this.loadMembers();
      this.send(event.type, event.body);
    });
    this.listenToNotes();
    return true;
  }

  private async loadMembers(): Promise<void> {
    const rows = await this.ctx.db.select({ userId: userListMemberships.userId, withReplies: userListMemberships.withReplies })
      .from(userListMemberships).where(eq(userListMemberships.userListId, this.listId));
    this.members = new Map(rows.map((row) => [row.userId, row.withReplies]));
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    const withReplies = this.members.get(note.userId);
    if (withReplies === undefined || !channelNoteAllowed(note, viewer.context, 'list')) return false;
    if (note.replyId != null && !withReplies) {
      const me = viewer.context.id;
      if (note.replyUserId !== note.userId && note.replyUserId !== me && note.userId !== me) return false;
    }
    return commonFilters(note, viewer, this.params);
  }
}

export const userList: ChannelDefinition = {
  name: 'userList', requireCredential: true, kind: 'read:account', shared: false,
  create: (id, connection) => new UserListChannel(id, connection),
};
