import { onBeforeUnmount, watch, type Ref } from 'vue';
import type { Stream } from 'misskey-js';
import { useStream } from '../../stream';

/** A `noteUpdated` event of the streaming API. */
export type NoteEvent =
  | { type: 'reacted'; body: { reaction: string; emoji?: { name: string; url: string } | null; userId: string } }
  | { type: 'unreacted'; body: { reaction: string; userId: string } }
  | { type: 'pollVoted'; body: { choice: number; userId: string } }
  | { type: 'deleted'; body: { deletedAt: string } }
  | { type: 'updated'; body: { cw?: string | null; text?: string | null } };

type Listener = (event: NoteEvent) => void;

/**
 * Note capture (`subNote` / `unsubNote`), counted per note on this page: the same note shown twice
 * (a timeline and its quote) is subscribed once and released when the last copy leaves. The
 * server forgets captures when the socket drops, so they are sent again after a reconnect.
 */
let captured: { stream: Stream; listeners: Map<string, Set<Listener>> } | null = null;

function registry(): { stream: Stream; listeners: Map<string, Set<Listener>> } {
  const stream = useStream();
  if (captured?.stream === stream) return captured;
  const entry = { stream, listeners: new Map<string, Set<Listener>>() };
  captured = entry;
  stream.on('noteUpdated', (message: { id: string; type: string; body: unknown }) => {
    for (const listener of entry.listeners.get(message.id) ?? []) listener({ type: message.type, body: message.body } as NoteEvent);
  });
  stream.on('_connected_', () => {
    for (const id of entry.listeners.keys()) stream.send('subNote', { id });
  });
  return entry;
}

function connected(stream: Stream): boolean {
  return (stream as unknown as { state: string }).state === 'connected';
}

function subscribe(noteId: string, listener: Listener): () => void {
  const entry = registry();
  let set = entry.listeners.get(noteId);
  if (!set) {
    set = new Set();
    entry.listeners.set(noteId, set);
    // Before the socket opens, `_connected_` sends every capture (sending now too would count twice).
    if (connected(entry.stream)) entry.stream.send('subNote', { id: noteId });
  }
  set.add(listener);
  return () => {
    const current = entry.listeners.get(noteId);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) {
      entry.listeners.delete(noteId);
      if (connected(entry.stream)) entry.stream.send('unsubNote', { id: noteId });
    }
  };
}

/** Captures the note whose id `noteId` holds while the calling component is mounted. */
export function useNoteCapture(noteId: Ref<string>, listener: Listener): void {
  let release: (() => void) | null = null;
  watch(noteId, (id) => {
    release?.();
    release = subscribe(id, listener);
  }, { immediate: true });
  onBeforeUnmount(() => { release?.(); release = null; });
}
