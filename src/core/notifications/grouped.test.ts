import { describe, expect, it } from 'vitest';
import type { entities } from 'misskey-js';
import { groupNotifications } from './grouped.js';

const user = (id: string) => ({ id, username: id }) as entities.UserLite;
const note = (id: string, renoteId: string | null = null) => ({ id, renoteId }) as entities.Note;
const reaction = (id: string, noteId: string, from: string, emoji = '👍'): entities.Notification =>
  ({ id, createdAt: `t${id}`, type: 'reaction', user: user(from), userId: from, note: note(noteId), reaction: emoji });
const renote = (id: string, target: string, from: string): entities.Notification =>
  ({ id, createdAt: `t${id}`, type: 'renote', user: user(from), userId: from, note: note(`r${id}`, target) });
const follow = (id: string, from: string): entities.Notification =>
  ({ id, createdAt: `t${id}`, type: 'follow', user: user(from), userId: from });

describe('groupNotifications', () => {
  it('groups consecutive reactions to one note, keeping the oldest id and the newest time', () => {
    const grouped = groupNotifications([reaction('9', 'n1', 'a', '❤'), reaction('8', 'n1', 'b'), reaction('7', 'n1', 'c'), reaction('6', 'n2', 'a')], 10);
    expect(grouped).toEqual([
      { id: '7', createdAt: 't9', type: 'reaction:grouped', note: note('n1'), reactions: [
        { user: user('a'), reaction: '❤' }, { user: user('b'), reaction: '👍' }, { user: user('c'), reaction: '👍' },
      ] },
      reaction('6', 'n2', 'a'),
    ]);
  });

  it('groups consecutive renotes of one note', () => {
    const grouped = groupNotifications([renote('9', 'n1', 'a'), renote('8', 'n1', 'b'), follow('7', 'c'), renote('6', 'n1', 'd')], 10);
    expect(grouped).toEqual([
      { id: '8', createdAt: 't9', type: 'renote:grouped', note: note('r9', 'n1'), users: [user('a'), user('b')] },
      follow('7', 'c'),
      renote('6', 'n1', 'd'),
    ]);
  });

  it('does not group across other notifications or different notes, and cuts to the limit after grouping', () => {
    const items = [reaction('9', 'n1', 'a'), follow('8', 'b'), reaction('7', 'n1', 'c'), reaction('6', 'n2', 'd'), reaction('5', 'n2', 'e')];
    const grouped = groupNotifications(items, 3);
    expect(grouped.map((n) => [n.type, n.id])).toEqual([['reaction', '9'], ['follow', '8'], ['reaction', '7']]);
    expect(groupNotifications(items, 10).map((n) => [n.type, n.id])).toEqual([['reaction', '9'], ['follow', '8'], ['reaction', '7'], ['reaction:grouped', '5']]);
    expect(groupNotifications([], 10)).toEqual([]);
  });
});
