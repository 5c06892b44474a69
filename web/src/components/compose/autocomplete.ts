import { nextTick, ref, type Ref } from 'vue';
import { client, session } from '../../session';
import { canReactWith, customEmojis, loadCustomEmojis } from '../../emojis';
import { UNICODE_LIST } from '../notes/unicode-emojis';

export interface Suggestion {
  /** What replaces the typed word (`@alice `, `#tag `, `:name: `, or a Unicode emoji). */
  insert: string;
  label: string;
  image?: string;
}

/** The word being typed right before the caret, if it starts a mention, a hashtag or an emoji code. */
function wordAtCaret(text: string, caret: number): { kind: '@' | '#' | ':'; query: string; start: number } | null {
  const match = /(?:^|[\s(])([@#:])([\w.@-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const kind = match[1] as '@' | '#' | ':';
  const query = match[2]!;
  if (kind === ':' && query.length === 0) return null;
  return { kind, query, start: caret - query.length - 1 };
}

/**
 * Completion in the composer: `@` → `users/search-by-username-and-host`, `#` → `hashtags/search`,
 * `:` → the server's custom emoji and the small Unicode set. Answers that arrive after the word has
 * changed are dropped.
 */
export function useAutocomplete(text: Ref<string>, textarea: Ref<HTMLTextAreaElement | null>) {
  const suggestions = ref<Suggestion[]>([]);
  const active = ref(0);
  let word: ReturnType<typeof wordAtCaret> = null;
  let sequence = 0;

  async function update(): Promise<void> {
    const element = textarea.value;
    word = element ? wordAtCaret(text.value, element.selectionStart) : null;
    const current = ++sequence;
    if (!word || !session.token) { suggestions.value = []; return; }
    let found: Suggestion[] = [];
    const query = word.query;
    try {
      if (word.kind === '@') {
        if (query.length === 0) { suggestions.value = []; return; }
        const [username, host] = query.split('@');
        const users = await client().request('users/search-by-username-and-host', { username: username || null, host: host || null, limit: 8, detail: false });
        found = users.map((user) => {
          const acct = user.host ? `@${user.username}@${user.host}` : `@${user.username}`;
          return { insert: `${acct} `, label: user.name ? `${user.name} ${acct}` : acct, image: user.avatarUrl ?? undefined };
        });
      } else if (word.kind === '#') {
        if (query.length === 0) { suggestions.value = []; return; }
        const tags = await client().request('hashtags/search', { query, limit: 8 });
        found = tags.map((tag) => ({ insert: `#${tag} `, label: `#${tag}` }));
      } else {
        await loadCustomEmojis();
        const q = query.toLowerCase();
        const custom = customEmojis.list.filter((emoji) => canReactWith(emoji) && (emoji.name.toLowerCase().startsWith(q) || emoji.aliases.some((alias) => alias.startsWith(q))))
          .slice(0, 8).map((emoji) => ({ insert: `:${emoji.name}: `, label: `:${emoji.name}:`, image: emoji.url }));
        const unicode = UNICODE_LIST.filter(([, name]) => name.startsWith(q)).slice(0, 8 - custom.length)
          .map(([char, name]) => ({ insert: char, label: `${char} :${name}:` }));
        found = [...custom, ...unicode];
      }
    } catch {
      found = [];
    }
    if (current !== sequence) return;
    suggestions.value = found;
    active.value = 0;
  }

  function accept(index = active.value): void {
    const element = textarea.value;
    const suggestion = suggestions.value[index];
    if (!element || !suggestion || !word) return;
    const caret = element.selectionStart;
    text.value = text.value.slice(0, word.start) + suggestion.insert + text.value.slice(caret);
    const position = word.start + suggestion.insert.length;
    suggestions.value = [];
    word = null;
    // Right after Vue writes the new text (not on the next animation frame, which may come after
    // the user has typed on: the caret would jump back into the middle of what they typed).
    void nextTick(() => { element.focus(); element.setSelectionRange(position, position); });
  }

  /** Arrow keys, Enter/Tab and Escape while suggestions are shown; true when the key was used. */
  function onKeydown(event: KeyboardEvent): boolean {
    if (suggestions.value.length === 0) return false;
    if (event.key === 'ArrowDown') active.value = (active.value + 1) % suggestions.value.length;
    else if (event.key === 'ArrowUp') active.value = (active.value - 1 + suggestions.value.length) % suggestions.value.length;
    else if ((event.key === 'Enter' || event.key === 'Tab') && !event.ctrlKey && !event.metaKey) accept();
    else if (event.key === 'Escape') suggestions.value = [];
    else return false;
    event.preventDefault();
    return true;
  }

  function close(): void { suggestions.value = []; }
  return { suggestions, active, update, accept, onKeydown, close };
}
