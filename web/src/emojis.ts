import { reactive } from 'vue';
import type { entities } from 'misskey-js';
import { apiClient } from './api';
import { session } from './session';

/**
 * This server's custom emojis (the `emojis` endpoint), fetched once per page load and refreshed
 * after the control panel changes them. Note text and reactions look names up here to show images.
 */
export const customEmojis = reactive({ list: [] as entities.EmojiSimple[], byName: {} as Record<string, entities.EmojiSimple>, loaded: false });

let loading: Promise<void> | null = null;

export function loadCustomEmojis(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = apiClient(null).request('emojis', {}).then(({ emojis }) => {
    customEmojis.list = emojis;
    customEmojis.byName = Object.fromEntries(emojis.map((emoji) => [emoji.name, emoji]));
    customEmojis.loaded = true;
  }).catch(() => { loading = null; });
  return loading;
}

/** The custom emoji a reaction or `:name:` names (`:name:`, `:name@.:`, or a bare name), if it is one of this server's. */
export function customEmojiOf(reaction: string): entities.EmojiSimple | null {
  const match = /^:?([\w+-]+)(?:@\.)?:?$/.exec(reaction);
  if (!match) return null;
  void loadCustomEmojis();
  return customEmojis.byName[match[1]!] ?? null;
}

/** Whether the signed-in user may react with it (no role list, or holds one of its roles). */
export function canReactWith(emoji: entities.EmojiSimple): boolean {
  const allowed = emoji.roleIdsThatCanBeUsedThisEmojiAsReaction ?? [];
  if (allowed.length === 0) return true;
  const held = new Set(((session.me as { roles?: { id: string }[] } | null)?.roles ?? []).map((role) => role.id));
  return allowed.some((id) => held.has(id));
}
