import type { NoteRow } from '../../db/schema/index.js';
import { normalizeTag } from '../../core/notes/create.js';
import type { ChannelDefinition } from '../channel.js';
import { commonFilters, TimelineChannel } from '../timeline.js';
import type { StreamViewer } from '../viewer.js';

const MAX_GROUPS = 16;
const MAX_TAGS_PER_GROUP = 16;

/**
 * `hashtag`: notes whose tags match `q`, a list of AND-groups joined by OR
 * (`[['a', 'b'], ['c']]` = (a AND b) OR c), compared as notes store tags (NFKC, lower case).
 */
class HashtagChannel extends TimelineChannel {
  private query: string[][] = [];

  init(params: Record<string, unknown>): boolean {
    const q = params.q;
    if (!Array.isArray(q) || q.length === 0 || q.length > MAX_GROUPS) return false;
    const groups: string[][] = [];
    for (const group of q) {
      if (!Array.isArray(group) || group.length === 0 || group.length > MAX_TAGS_PER_GROUP) return false;
      if (!group.every((tag) => typeof tag === 'string' && tag.length > 0 && tag.length <= 128)) return false;
      groups.push(group.map((tag: string) => normalizeTag(tag.replace(/^#/, ''))));
    }
    this.query = groups;
    this.listenToNotes();
    return true;
  }

  accepts(note: NoteRow, viewer: StreamViewer): boolean {
    if (note.tags.length === 0) return false;
    if (!this.query.some((group) => group.every((tag) => note.tags.includes(tag)))) return false;
    return commonFilters(note, viewer, this.params);
  }
}

export const hashtag: ChannelDefinition = {
  name: 'hashtag', requireCredential: false, shared: false,
  create: (id, connection) => new HashtagChannel(id, connection),
};
