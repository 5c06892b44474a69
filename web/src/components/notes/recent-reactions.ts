import { ref } from 'vue';
import { client, session } from '../../session';

/**
 * The user's recent reactions, kept where Misskey-compatible clients keep settings: the registry
 * (`i/registry/get|set`, scope ['client', 'mikan'], key 'recentReactions'), newest first.
 */
const SCOPE = ['client', 'mikan'];
const KEY = 'recentReactions';
const LIMIT = 16;

export const recentReactions = ref<string[]>([]);
let loadedFor: string | null = null;

export async function loadRecentReactions(): Promise<void> {
  const userId = session.me?.id ?? null;
  if (!userId || loadedFor === userId) return;
  loadedFor = userId;
  try {
    const value = await client().request('i/registry/get', { scope: SCOPE, key: KEY });
    recentReactions.value = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, LIMIT) : [];
  } catch {
    // NO_SUCH_KEY: nothing used yet.
    recentReactions.value = [];
  }
}

export async function rememberReaction(reaction: string): Promise<void> {
  const list = [reaction, ...recentReactions.value.filter((item) => item !== reaction)].slice(0, LIMIT);
  recentReactions.value = list;
  await client().request('i/registry/set', { scope: SCOPE, key: KEY, value: list }).catch(() => {});
}
