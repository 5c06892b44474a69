import type { entities } from 'misskey-js';

/** A renote with nothing of its own (no text, files or poll): shown as the renoted note. */
export function isPureRenote(note: entities.Note): boolean {
  return note.renote != null && note.text == null && note.cw == null && (note.files?.length ?? 0) === 0 && note.poll == null;
}
