import type { entities } from 'misskey-js';

/**
 * Misskey's word mutes (`mutedWords`, `hardMutedWords` of `i`): an entry is either a list of words
 * that must all appear (case-insensitive) or a `/regular expression/flags` string. Checked against
 * the note's text and CW, and those of the note it renotes or quotes. The viewer's own notes are
 * never muted.
 */
export type WordMutes = (string | string[])[];

function matchesEntry(text: string, entry: string | string[]): boolean {
  if (Array.isArray(entry)) {
    const words = entry.filter((word) => word !== '');
    return words.length > 0 && words.every((word) => text.includes(word.toLowerCase()));
  }
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  if (!regex) return entry !== '' && text.includes(entry.toLowerCase());
  try {
    return new RegExp(regex[1]!, regex[2]).test(text);
  } catch {
    return false; // refused on save (i/update); an old broken one mutes nothing
  }
}

export function isWordMuted(note: entities.Note, mutes: WordMutes | undefined, meId: string | null | undefined): boolean {
  if (!mutes || mutes.length === 0 || note.userId === meId) return false;
  const parts = [note.text, note.cw, note.renote?.text, note.renote?.cw].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return false;
  const text = parts.join('\n').toLowerCase();
  return mutes.some((entry) => matchesEntry(text, entry));
}
